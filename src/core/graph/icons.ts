/** Small line icons per step type (16×16, stroked), drawn inline: no icon font or file is needed. */
export const STEP_ICONS: Record<string, string> = {
  play: 'M2 6h3l4-3v10l-4-3H2z M11.5 5.5a3.5 3.5 0 0 1 0 5',
  menu: 'M3 3h2v2H3z M7 3h2v2H7z M11 3h2v2h-2z M3 7h2v2H3z M7 7h2v2H7z M11 7h2v2h-2z M7 11h2v2H7z',
  collect: 'M2 4h12v8H2z M4.5 8h.01 M7 8h.01 M9.5 8h.01 M12 8h.01',
  condition: 'M8 1.5 14.5 8 8 14.5 1.5 8z',
  'business-hours': 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2z M8 4.5V8l2.5 1.5',
  set: 'M3 6h10 M3 10h10',
  'assign-dial': 'M8 2.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z M3 14c0-3 2.2-5 5-5s5 2 5 5',
  transfer: 'M2 8h11 M9.5 4.5 13 8l-3.5 3.5',
  voicemail: 'M4.5 6a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z M11.5 6a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z M4.5 11h7',
  callback: 'M13 8a5 5 0 1 1-1.5-3.5 M12 1.5V5H8.5',
  http: 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2z M2 8h12 M8 2c-2 2-2 10 0 12 M8 2c2 2 2 10 0 12',
  'goto-flow': 'M9 3H3v10h6 M7 8h7 M11 5l3 3-3 3',
  hangup: 'M2 9c3.5-3 8.5-3 12 0l-1.5 2-2.5-1V8.5c-1.3-.4-2.7-.4-4 0V10l-2.5 1z',
  missing: 'M6 6a2 2 0 1 1 3 1.7c-.7.4-1 .8-1 1.6V10 M8 12.5h.01',
  unknown: 'M6 6a2 2 0 1 1 3 1.7c-.7.4-1 .8-1 1.6V10 M8 12.5h.01',
};

export function iconPath(type: string): string {
  return STEP_ICONS[type] ?? STEP_ICONS.unknown!;
}
