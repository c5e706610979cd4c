import type { ComponentType } from 'react';
import { PackingScreen } from '../features/packing/PackingScreen';
import { PrintersScreen } from '../features/printers/PrintersScreen';
import { QueueScreen } from '../features/queue/QueueScreen';
import { ReceiveScreen } from '../features/receive/ReceiveScreen';
import { ScanScreen } from '../features/scan/ScanScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SupervisorScreen } from '../features/supervisor/SupervisorScreen';
import { SyncScreen } from '../features/sync/SyncScreen';
import type { Screen } from '../shell/screens';

/** Which component each screen shows. */
export const SCREEN_COMPONENTS: Record<Screen, ComponentType> = {
  receive: ReceiveScreen,
  scan: ScanScreen,
  queue: QueueScreen,
  sync: SyncScreen,
  settings: SettingsScreen,
  printers: PrintersScreen,
  supervisor: SupervisorScreen,
  packing: PackingScreen,
};
