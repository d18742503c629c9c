import { latestChoiceSaver } from '../../../sidebar/latest-choice';

/** A save the test answers by hand, one per call, in the order they were sent. */
function manualServer() {
  const sent: Array<{ value: string; answer(): void; fail(): void }> = [];
  const save = (value: string) =>
    new Promise<void>((resolve, reject) => {
      sent.push({ value, answer: resolve, fail: () => reject(new Error('server down')) });
    });
  return { sent, save, values: () => sent.map((call) => call.value) };
}

const answered = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('saving the latest choice', () => {
  it('sends one save at a time and, when it answers, only the latest choice made meanwhile', async () => {
    const server = manualServer();
    const savingChanges: boolean[] = [];
    const saver = latestChoiceSaver<string>('en', server.save, (saving) => savingChanges.push(saving));
    saver.choose('zh');
    saver.choose('en');
    saver.choose('zh');
    saver.choose('en');
    expect(server.values()).toEqual(['zh']);
    expect(saver.saving).toBe(true);
    server.sent[0]!.answer();
    await answered();
    expect(server.values()).toEqual(['zh', 'en']);
    expect(saver.saving).toBe(true);
    server.sent[1]!.answer();
    await answered();
    expect(server.values()).toEqual(['zh', 'en']);
    expect(saver.saving).toBe(false);
    expect(savingChanges).toEqual([true, false]);
  });

  it('sends nothing more when the choices made meanwhile come back to what was saved', async () => {
    const server = manualServer();
    const saver = latestChoiceSaver<string>('en', server.save);
    saver.choose('en');
    expect(server.values()).toEqual([]);
    saver.choose('zh');
    saver.choose('en');
    saver.choose('zh');
    server.sent[0]!.answer();
    await answered();
    expect(server.values()).toEqual(['zh']);
    expect(saver.saving).toBe(false);
  });

  it('after a failed save, sends a newer choice but does not retry the same one in a loop', async () => {
    const server = manualServer();
    const saver = latestChoiceSaver<string>('en', server.save);
    saver.choose('zh');
    server.sent[0]!.fail();
    await answered();
    expect(server.values()).toEqual(['zh']);
    expect(saver.saving).toBe(false);
    // What the server holds is unknown now: choosing the old language again is sent.
    saver.choose('en');
    expect(server.values()).toEqual(['zh', 'en']);
    saver.choose('zh');
    server.sent[1]!.fail();
    await answered();
    expect(server.values()).toEqual(['zh', 'en', 'zh']);
    server.sent[2]!.answer();
    await answered();
    expect(saver.saving).toBe(false);
    expect(server.values()).toHaveLength(3);
  });
});
