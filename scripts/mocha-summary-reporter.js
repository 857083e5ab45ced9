// Spec output plus one plain closing line ("<suite>: N passed, N failed, N skipped") that CI reads,
// and a JSON summary file that scripts/test-all.js adds up.
const Mocha = require('mocha');
const fs = require('fs');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const label = process.env.SPEECH_API_SUITE || 'tests';
    runner.once('end', () => {
      const { passes, failures, pending } = runner.stats ?? this.stats;
      console.log(`${label}: ${passes} passed, ${failures} failed, ${pending} skipped`);
      if (process.env.SPEECH_API_SUMMARY_FILE) {
        fs.writeFileSync(process.env.SPEECH_API_SUMMARY_FILE, JSON.stringify({ label, passes, failures, pending }));
      }
    });
  }
}
module.exports = SummaryReporter;
