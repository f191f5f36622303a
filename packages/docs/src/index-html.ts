/** The site's single HTML page. Scripts are classic (not modules) so the page works from file://. */
export function indexHtml(title: string): string {
  const safe = title.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${safe}</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='4' fill='%234f46e5'/%3E%3Cpath d='M4 5h8M4 8h8M4 11h8' stroke='white' stroke-width='1.5'/%3E%3C/svg%3E">
<link rel="stylesheet" href="app.css">
</head>
<body>
<div id="app"><noscript>The Strata docs site needs JavaScript.</noscript></div>
<script src="data.js"></script>
<script src="app.js"></script>
</body>
</html>
`;
}
