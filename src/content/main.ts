// The content script entry (TEAM.md: the CONTENT helper owns src/content/ and replaces this file
// with the Gmail and demo-webmail adapters). Listed in manifest.json so the build has its entry.
export {};
