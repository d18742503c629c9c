// Minimal sidebar: lists the reports the server offers. The full form is its own issue.
interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

const app = document.getElementById('app');

function show(text: string): void {
  if (app) app.textContent = text;
}

const call = google.script.run
  .withSuccessHandler((reports) => show(`${(reports as unknown[]).length} WeChat reports available.`))
  .withFailureHandler((error) => show(error.message)).listReports as () => void;
call();
