/**
 * The parts the report pages share: the document head (Content-Security-Policy: no script,
 * no external resource; inline CSS) and the summary cards. Pure; every value escaped.
 */
import { escapeHtml } from "../../text/escape.ts";
import { REPORT_CSS } from "./report_css.ts";

/** The pages' Content-Security-Policy. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** `<!DOCTYPE html>` through `<body>`: meta tags, the title and the stylesheet (plus `css`). */
export function pageHead(title: string, options: { airqVersion: string; css?: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="airq ${escapeHtml(options.airqVersion)}">
<title>${escapeHtml(title)} · airq</title>
<style>${REPORT_CSS}${options.css ?? ""}</style>
</head>
<body>
`;
}

/** One summary card: a number and its label, red when `alert` and above zero. */
export function card(n: number, label: string, alert = false): string {
  return `<div class="card${alert && n > 0 ? " alert" : ""}"><span class="n">${n}</span>` +
    `<span class="l">${label}</span></div>`;
}
