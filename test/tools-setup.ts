import { ensureTestTools } from '../scripts/ensure-test-tools.mjs';

/** Runs once before the tests: the PDF readers they check our output with. */
export default function setup(): void {
  ensureTestTools();
}
