// Electron entry. Everything lives in ./shell so it can be tested with a mocked `electron` module.
import { startDesktopApp } from './shell/desktop-app';

startDesktopApp({ mainDir: __dirname, electronVersion: process.versions.electron });
