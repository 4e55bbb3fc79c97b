import { defineGroup } from '../command';
import { procedureCheckCommand } from './procedure-check';
import { procedureInitCommand } from './procedure-init';

/** `tukar procedure`: start and check a kabupaten's procedure file: its SOP as data. */
export const procedureCommand = defineGroup({
  name: 'procedure',
  summary: "start and check a kabupaten's procedure file: its SOP as data",
  description: `
A procedure file is a kabupaten's SOP "Integrasi dan Pertukaran Data" as data: its steps
with their numbers and names, the actor of each (the kabupaten's own title) and the hub role
it maps to, kelengkapan, waktu, output, and where each step goes next. The hub walks
integrations through it. Tukar ships the SOPs of Ciamis, Sragen, Nganjuk and Karanganyar as
presets; start from the closest one, change what your SOP says differently, and check it.`,
  commands: [procedureInitCommand, procedureCheckCommand],
  examples: [
    'tukar procedure init --from ciamis --id tasikmalaya -o procedure.yaml',
    'tukar procedure check procedure.yaml',
  ],
});
