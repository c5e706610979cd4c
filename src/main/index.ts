// Electron entry: replaced by the hardened shell (src/main/shell) — see docs/ARCHITECTURE.md.
import { app } from 'electron';

void app.whenReady();
