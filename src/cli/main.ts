// `speech-api-scan`: placeholder entry until the scanner lands (issue 7).
console.error('speech-api-scan: the scanner is not built yet');
process.exit(2);
