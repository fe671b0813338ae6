/** `calls.yaml` or `<anything>.calls.yaml`. */
export function isScenarioFileName(fileName: string): boolean {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  return base === 'calls.yaml' || (base.endsWith('.calls.yaml') && base.length > '.calls.yaml'.length);
}
