import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isProcedurePreset, PROCEDURE_PRESETS, procedurePresetText } from '@tukar/contracts/procedure';
import { defineCommand, EXIT, UsageError } from '../command';

/** `tukar procedure init --from PRESET`: a procedure file to edit, copied from a shipped preset. */
export const procedureInitCommand = defineCommand({
  name: 'init',
  summary: 'write a procedure file from a preset (ciamis, sragen, nganjuk, karanganyar)',
  usage: '--from <preset> [options]',
  description: `
Writes the preset's YAML with its comments: the start of your kabupaten's own procedure.
Edit the step names, actors, waktu and outputs to match your SOP, then run
tukar procedure check. --id gives the procedure its own id (your kabupaten).`,
  options: {
    from: {
      type: 'string',
      valueName: 'PRESET',
      description: `preset to start from: ${PROCEDURE_PRESETS.join(', ')}`,
    },
    id: { type: 'string', valueName: 'ID', description: 'id of the new procedure, e.g. tasikmalaya' },
    output: {
      type: 'string',
      short: 'o',
      valueName: 'FILE',
      description: 'write the procedure here (default: stdout)',
    },
    force: { type: 'boolean', description: 'overwrite --output if it exists' },
  },
  examples: [
    'tukar procedure init --from ciamis --id tasikmalaya -o procedure.yaml',
    'tukar procedure init --from nganjuk > procedure.yaml',
  ],
  exitCodes: [
    [EXIT.ok, 'the procedure file was written'],
    [EXIT.usage, 'no or an unknown preset, a bad id, or --output exists without --force'],
  ],
  async run({ io, values, colors }) {
    const from = typeof values.from === 'string' ? values.from : '';
    if (!isProcedurePreset(from)) {
      throw new UsageError(
        'bad_arguments',
        `--from must be one of ${PROCEDURE_PRESETS.join(', ')}${from ? `; got "${from}"` : ''}`,
      );
    }
    let text = procedurePresetText(from);
    const id = typeof values.id === 'string' ? values.id : undefined;
    if (id !== undefined) {
      if (!/^[a-z][a-z0-9-]*$/.test(id))
        throw new UsageError('bad_arguments', `--id "${id}" is not an id: lower case, e.g. tasikmalaya`);
      text = text.replace(/^procedure: .*$/m, `procedure: ${id}`);
    }
    const output = typeof values.output === 'string' && values.output !== '' ? values.output : undefined;
    if (!output) {
      io.stdout.write(text);
      return EXIT.ok;
    }
    try {
      await writeFile(resolve(io.cwd, output), text, { flag: values.force ? 'w' : 'wx' });
    } catch (cause) {
      const exists = (cause as { code?: string }).code === 'EEXIST';
      throw new UsageError(
        'bad_arguments',
        exists
          ? `${output} exists: pass --force to overwrite it`
          : `cannot write ${output}: ${(cause as Error).message}`,
      );
    }
    io.stderr.write(
      `${colors.stderr.green('✔')} wrote ${output} from the ${from} preset; edit it to your SOP, then tukar procedure check ${output}\n`,
    );
    return EXIT.ok;
  },
});
