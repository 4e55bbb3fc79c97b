import { version } from '../package.json';

/** The version of `@tukar/cli`, printed by `tukar --version`. */
export const CLI_VERSION: string = version;
