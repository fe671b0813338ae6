// Lets a test capture the workbench as a person sees it (the documentation's images come from here).
// The test logs a marker line; scripts/vscode/run-tests.js sees it in the workbench log,
// screenshots the page and writes <name>.png into CALLFLOW_SCREENSHOT_DIR. Under
// @vscode/test-electron there is no page to capture, and this resolves at once.
import * as fs from 'fs';
import * as path from 'path';

export const SCREENSHOT_MARKER = '@@screenshot';

export async function screenshot(name: string, timeoutMs = 15_000): Promise<string | undefined> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new Error(`screenshot name must be a plain file name: ${name}`);
  const dir = process.env.CALLFLOW_SCREENSHOT_DIR;
  if (!dir) return undefined;
  const file = path.join(dir, `${name}.png`);
  fs.rmSync(file, { force: true });
  console.log(`${SCREENSHOT_MARKER} ${name}`);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the runner did not take screenshot "${name}" within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return file;
}
