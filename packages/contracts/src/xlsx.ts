/**
 * @tukar/contracts/xlsx — the data dictionary and BPS metadata as XLSX workbooks, and data dictionary
 * workbooks read back into contracts; data sheets read as sample records. Node only; needs the exceljs package next to @tukar/contracts
 * (loaded on first use, with an error naming it when it is missing).
 *
 * @packageDocumentation
 */
export {
  readDataDictionaryXlsx,
  writeBpsMetadataXlsx,
  writeDataDictionaryXlsx,
} from './export/xlsx-workbooks';
export { readSheetRecordsXlsx } from './import/xlsx-sheet-records';
