/**
 * Defaults shared by several tasks, declared once: every declaration, help text and docs
 * table reads them from here.
 */

/** The lake every task uses when neither --lake nor AIRQ_LAKE is given. */
export const DEFAULT_LAKE = "file://./lake";

/** The IRCEL-CELINE 52°North timeseries API v1 base URL. */
export const DEFAULT_API_URL = "https://geo.irceline.be/sos/api/v1/";

/** The time zone whose calendar days the pipeline cuts (`--timezone`, AIRQ_TIMEZONE). */
export const DEFAULT_TIMEZONE = "Europe/Brussels";

/** The phenomena ingested: 5 PM10, 6001 PM2.5, 8 NO2, 71 CO2, 1 SO2. */
export const DEFAULT_PHENOMENA = "5,6001,8,71,1";
