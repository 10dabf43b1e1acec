// The one escaping rule of the HTML reports: every string that came from a run, a history, a config or
// a file name goes through `escapeHtml` before it is placed in text or in a quoted attribute.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`);
}
