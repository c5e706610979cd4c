import type { TestProject } from 'vitest/node';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
  }
}

/** Runs once before the browser tests: finds (or installs) Chromium and hands its path to them. */
export default function setup(project: TestProject): void {
  project.provide('chromiumPath', ensureChromium());
}
