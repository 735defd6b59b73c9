/** The airq version written into manifests, _SUCCESS markers and reports. */
export const AIRQ_VERSION = "0.1.0";
