/** Where the report pages' data comes from and under which licence (their footers). */
export const DATA_SOURCE = {
  source: "IRCEL-CELINE, Belgian Interregional Environment Agency (geo.irceline.be SOS API v1)",
  licence: "CC BY 4.0 IRCEL-CELINE",
} as const;
