/** What a caller can press: one entry is any run of 0-9, * and # ("" when nothing was pressed). */
export const DTMF_ENTRY = /^[0-9*#]*$/;
