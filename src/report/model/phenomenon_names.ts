/** Short display names of the usual IRCEL-CELINE phenomena. Pure. */

const SHORT_NAMES: ReadonlyMap<number, string> = new Map([
  [6001, "PM2.5"],
  [5, "PM10"],
  [6002, "PM1"],
  [8, "NO₂"],
  [38, "NO"],
  [1, "SO₂"],
  [7, "O₃"],
  [10, "CO"],
  [71, "CO₂"],
  [20, "C₆H₆"],
  [391, "BC"],
]);

/** The short name of a phenomenon ("PM2.5", "NO₂"), else its label from the data. */
export function shortName(phenomenonId: number, label: string): string {
  return SHORT_NAMES.get(phenomenonId) ?? label;
}
