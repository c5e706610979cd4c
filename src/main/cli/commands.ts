import { auditCommand } from './audit-command';
import { backupCommand } from './backup-command';
import { certificateCommand } from './certificate-command';
import type { CliCommand } from './command';
import { labelCommand } from './label-command';
import { recognizeCommand } from './recognize-command';
import { restoreCommand } from './restore-command';
import { stationCommand } from './station-command';
import { syncCommand } from './sync-command';

/** Every `lastmile` command, in the order `lastmile help` lists them. Adding one is one line here. */
export const COMMANDS: readonly CliCommand[] = [
  stationCommand,
  syncCommand,
  labelCommand,
  recognizeCommand,
  backupCommand,
  restoreCommand,
  auditCommand,
  certificateCommand,
];
