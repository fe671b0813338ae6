/** numbers.yaml with `count` numbers (+1415…, one per line) all going to `flowId`, in the shape callflow writes. */
export function manyNumbersText(count: number, flowId: string): string {
  const lines = ['# Phone number -> flow assignments.', 'numbers:'];
  for (let i = 0; i < count; i++) lines.push(`  "+1415${String(i).padStart(7, '0')}": ${flowId}`);
  return lines.join('\n') + '\n';
}
