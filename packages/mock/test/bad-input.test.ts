// mockHub with malformed, hostile and missing input: a MockHubError that names the option, the record and the field.
import { describe, expect, it } from 'vitest';
import { type MockHubError, type MockHubOptions, mockHub } from '../src/index';
import { exampleContract, puskesmas } from './fixture';

/** The rejection of `mockHub(options)`, which must be a MockHubError. */
async function refusal(options: unknown): Promise<MockHubError> {
  const error = await mockHub(options as MockHubOptions).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe('MockHubError');
  return error as MockHubError;
}

describe('options that are not what mockHub takes', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'http://hub.mock'],
  ])('refuses %s as options', async (_, options) => {
    const error = await refusal(options);
    expect(error).toMatchObject({ code: 'invalid_option', where: 'options' });
  });

  it.each([
    ['a relative URL', '/hub'],
    ['another scheme', 'ftp://hub.mock'],
    ['a query', 'http://hub.mock/?x=1'],
    ['a number', 8080],
  ])('refuses %s as baseUrl', async (_, baseUrl) => {
    const error = await refusal({ baseUrl });
    expect(error).toMatchObject({ code: 'invalid_option', where: 'baseUrl' });
    expect(error.message).toContain('absolute http(s) URL');
  });

  it('refuses a malformed admin key with the shape it must have', async () => {
    const error = await refusal({ adminKey: 'rahasia' });
    expect(error).toMatchObject({ code: 'invalid_option', where: 'adminKey' });
    expect(error.message).toMatch(/"tk_" followed by 43/);
  });

  it.each([
    ['contracts', { contracts: { 'dinkes.puskesmas': {} } }, 'contracts'],
    ['clients', { clients: ['ciamis/dinkes/simpus'] }, 'clients'],
    ['records', { records: [] }, 'records'],
  ])('refuses %s of the wrong type', async (_, options, where) => {
    expect(await refusal(options)).toMatchObject({ code: 'invalid_option', where });
  });
});

describe('contracts', () => {
  it('names the entry that is not a contract document', async () => {
    const puskesmasDoc = await exampleContract('dinkes.puskesmas');
    const error = await refusal({ contracts: [puskesmasDoc, 'dinkes.umkm.yaml'] });
    expect(error).toMatchObject({ code: 'invalid_contract', where: 'contracts[1]' });
    expect(error.message).toContain('loadContract');
  });

  it('names a version listed twice', async () => {
    const puskesmasDoc = await exampleContract('dinkes.puskesmas');
    const error = await refusal({ contracts: [puskesmasDoc, { ...puskesmasDoc }] });
    expect(error).toMatchObject({ code: 'invalid_contract', where: 'contracts[1]' });
    expect(error.message).toContain('dinkes.puskesmas@1.0.0 is listed twice (also at contracts[0])');
  });

  it('names a version that is not a semantic version', async () => {
    const puskesmasDoc = await exampleContract('dinkes.puskesmas');
    const error = await refusal({ contracts: [{ ...puskesmasDoc, version: '1.2' }] });
    expect(error).toMatchObject({ code: 'invalid_contract', where: 'contracts[0]' });
    expect(error.message).toContain('version "1.2" of dinkes.puskesmas is not a semantic version');
  });

  it('pins the dataset to the newest version by semver precedence (rc.10 after rc.2)', async () => {
    const v1 = await exampleContract('dinkes.puskesmas');
    const versions = ['1.2.0-rc.10', '1.2.0-rc.2'].map((version) => ({ ...v1, version }));
    const hub = await mockHub({ contracts: [...versions, v1] });
    expect((await hub.store.getDataset('dinkes.puskesmas'))?.contractVersion).toBe('1.2.0-rc.10');
  });

  it('passes on what the hub says about an invalid document, with its problem', async () => {
    const puskesmasDoc = await exampleContract('dinkes.puskesmas');
    const error = await refusal({ contracts: [{ ...puskesmasDoc, primaryKey: ['tidak_ada'] }] });
    expect(error).toMatchObject({ code: 'invalid_contract', where: 'contracts[0]' });
    expect(error.message).toMatch(
      /Contract dinkes\.puskesmas 1\.0\.0 was refused by the hub: 400 contract_invalid/,
    );
    expect(error.problem?.code).toBe('contract_invalid');
  });

  it('refuses a second version that breaks the compatibility of the first', async () => {
    const v1 = await exampleContract('dinkes.puskesmas');
    const v2 = { ...v1, version: '1.1.0', primaryKey: ['nama'] };
    const error = await refusal({ contracts: [v1, v2] });
    expect(error).toMatchObject({ code: 'invalid_contract', where: 'contracts[1]' });
    expect(error.problem?.code).toBe('contract_incompatible');
  });
});

describe('clients', () => {
  it.each(['Ciamis Dinkes', 'ciamis/dinkes/simpus/v2/extra', '', '../admin'])(
    'refuses the client id %j with the rule for ids',
    async (clientId) => {
      const error = await refusal({ clients: { [clientId]: {} } });
      expect(error).toMatchObject({ code: 'invalid_client', where: `clients[${JSON.stringify(clientId)}]` });
      expect(error.message).toContain('is not a valid client id');
      expect(error.message).toContain('"ciamis/dinkes/simpus"');
    },
  );

  it('refuses a client id that is taken by the admin', async () => {
    const error = await refusal({ clients: { 'kominfo/admin': {} } });
    expect(error).toMatchObject({ code: 'invalid_client', where: 'clients["kominfo/admin"]' });
    expect(error.message).toContain('409 conflict');
  });

  it('refuses a grant on a dataset no contract creates, naming the known datasets', async () => {
    const error = await refusal({
      contracts: [await exampleContract('dinkes.puskesmas')],
      clients: { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmass': ['read'] } } },
    });
    expect(error).toMatchObject({
      code: 'unknown_dataset',
      where: 'clients["ciamis/dinkes/simpus"].grants["dinkes.puskesmass"]',
    });
    expect(error.message).toContain('the datasets are "dinkes.puskesmas"');
  });

  it.each([[[]], [['admin']], ['read'], [null]])('refuses the grant %j', async (access) => {
    const error = await refusal({
      contracts: [await exampleContract('dinkes.puskesmas')],
      clients: { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': access } } },
    });
    expect(error).toMatchObject({
      code: 'invalid_client',
      where: 'clients["ciamis/dinkes/simpus"].grants["dinkes.puskesmas"]',
    });
  });

  it('refuses settings that are not an object', async () => {
    const error = await refusal({ clients: { 'ciamis/dinkes/simpus': ['read'] } });
    expect(error).toMatchObject({ code: 'invalid_client', where: 'clients["ciamis/dinkes/simpus"]' });
  });
});

describe('records', () => {
  it('refuses records for a dataset no contract creates', async () => {
    const error = await refusal({ records: { 'dinkes.puskesmas': puskesmas(1) } });
    expect(error).toMatchObject({ code: 'unknown_dataset', where: 'records["dinkes.puskesmas"]' });
    expect(error.message).toContain('no contracts are given');
  });

  it('names the invalid seed record, its key and the field, and lists each problem', async () => {
    const [good, bad] = puskesmas(2);
    const error = await refusal({
      contracts: [await exampleContract('dinkes.puskesmas')],
      records: { 'dinkes.puskesmas': [good, { ...bad, kode_wilayah: '32.07.99.9999' }] },
    });
    expect(error).toMatchObject({ code: 'invalid_record', where: 'records["dinkes.puskesmas"][1]' });
    expect(error.message).toContain(
      `records["dinkes.puskesmas"][1] (key ${bad?.kode_puskesmas}) field /kode_wilayah: Field "kode_wilayah" "32.07.99.9999" is not a valid kode-wilayah-desa`,
    );
    expect(error.problem?.errors).toHaveLength(1);
  });

  it('counts positions from the start of the list across seed batches', async () => {
    const records = puskesmas(5003);
    records[5002] = { ...records[5002], jenis: 'klinik' };
    const error = await refusal({
      contracts: [await exampleContract('dinkes.puskesmas')],
      records: { 'dinkes.puskesmas': records },
    });
    expect(error).toMatchObject({ code: 'invalid_record', where: 'records["dinkes.puskesmas"][5002]' });
    expect(error.message).toContain('field /jenis');
  });

  it('quotes the first five problems and counts the rest', async () => {
    const error = await refusal({
      contracts: [await exampleContract('dinkes.puskesmas')],
      records: { 'dinkes.puskesmas': [{}, {}] },
    });
    expect(error.where).toBe('records["dinkes.puskesmas"][0]');
    expect(error.message.match(/ field \//g)).toHaveLength(5);
    expect(error.message).toMatch(/… and \d+ more/);
  });

  it.each([
    ['a string', 'P3207000000'],
    ['null', null],
    ['an array', [1, 2]],
  ])('refuses %s as a record, naming its position', async (_, record) => {
    const error = await refusal({
      contracts: [await exampleContract('dinkes.puskesmas')],
      records: { 'dinkes.puskesmas': [...puskesmas(2), record] },
    });
    expect(error).toMatchObject({ code: 'invalid_record', where: 'records["dinkes.puskesmas"][2]' });
  });

  it('refuses records that are not a list', async () => {
    const error = await refusal({
      contracts: [await exampleContract('dinkes.puskesmas')],
      records: { 'dinkes.puskesmas': puskesmas(1)[0] },
    });
    expect(error).toMatchObject({ code: 'invalid_option', where: 'records["dinkes.puskesmas"]' });
  });

  it('refuses a record larger than the hub takes in one request', async () => {
    const [record] = puskesmas(1);
    const error = await refusal({
      contracts: [await exampleContract('dinkes.puskesmas')],
      records: { 'dinkes.puskesmas': [{ ...record, alamat: 'x'.repeat(11 * 1024 * 1024) }] },
    });
    expect(error).toMatchObject({ code: 'invalid_record', where: 'records["dinkes.puskesmas"][0…0]' });
    expect(error.message).toContain('413 payload_too_large');
  });
});
