/** Defaults shared by every task that reads or writes the lake or calls the API. */

/** The lake when neither `--lake` nor AIRQ_LAKE is given. */
export const DEFAULT_LAKE = "file://./lake";

/** The IRCEL-CELINE timeseries API (52°North SOS API v1). */
export const DEFAULT_API_URL = "https://geo.irceline.be/sos/api/v1/";

/** The time zone whose calendar days are the lake's days. */
export const DEFAULT_TIMEZONE = "Europe/Brussels";

/** Phenomena ingested by default: PM10, PM2.5, NO2, CO2, SO2 (comma-separated ids). */
export const DEFAULT_PHENOMENA = "5,6001,8,71,1";
