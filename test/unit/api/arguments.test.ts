import { invalidId, invalidIds, MAX_SHARED_RUN_NOW } from '../../../src/api/arguments';

const ids = (count: number) => Array.from({ length: count }, (_, index) => `d_${index}`);

describe('an id list of any length (estimateRuns)', () => {
  it('takes any list of ids, the empty one too', () => {
    expect(invalidIds([], 'DataSet')).toBeUndefined();
    expect(invalidIds(ids(100), 'DataSet')).toBeUndefined();
  });

  it('answers a value that is not a list with the list message, on the plural field', () => {
    expect(invalidIds('d_1', 'DataSet')).toEqual({
      ok: false,
      code: 'invalid_argument',
      params: { what: 'DataSet', sent: 'a text', list: true },
      message: 'The DataSet ids must be a list of texts, but a text was sent. Reload the sidebar and try again.',
      problems: [
        {
          field: 'dataSets',
          code: 'invalid_argument',
          params: { what: 'DataSet', sent: 'a text', list: true },
          message: 'The DataSet ids must be a list of texts, but a text was sent. Reload the sidebar and try again.',
        },
      ],
    });
    expect(invalidIds({}, 'account')?.problems[0]?.field).toBe('accounts');
  });

  it('answers a list holding something that is not an id for that item, as one id would be answered', () => {
    expect(invalidIds(['d_1', 7], 'DataSet')).toEqual(invalidId(7, 'DataSet'));
    expect(invalidIds(['d_1', ''], 'account')).toEqual(invalidId('', 'account'));
    expect(invalidIds([null], 'DataSet')?.params).toEqual({ what: 'DataSet', sent: 'null' });
    expect(invalidIds([undefined], 'DataSet')?.message).toBe(
      'The DataSet id must be text, but nothing was sent. Reload the sidebar and try again.',
    );
  });
});

describe('an id list of 1 to a maximum (runDataSets)', () => {
  it('takes 1 to the maximum ids', () => {
    expect(invalidIds(ids(1), 'DataSet', MAX_SHARED_RUN_NOW)).toBeUndefined();
    expect(invalidIds(ids(MAX_SHARED_RUN_NOW), 'DataSet', MAX_SHARED_RUN_NOW)).toBeUndefined();
  });

  it('refuses an empty list, a longer one, a list with a non-id and a non-list, naming the maximum', () => {
    const refused = (value: unknown) => invalidIds(value, 'DataSet', MAX_SHARED_RUN_NOW);
    expect(refused([])?.params).toEqual({ what: 'DataSet', sent: 'a list of 0 with only ids', list: true, max: 20 });
    expect(refused(ids(21))?.params).toEqual({
      what: 'DataSet',
      sent: 'a list of 21 with only ids',
      list: true,
      max: 20,
    });
    expect(refused(['d_1', 7])?.params).toEqual({
      what: 'DataSet',
      sent: 'a list of 2 with something that is not an id',
      list: true,
      max: 20,
    });
    expect(refused(null)).toEqual(
      expect.objectContaining({
        ok: false,
        code: 'invalid_argument',
        params: { what: 'DataSet', sent: 'null', list: true, max: 20 },
        message: 'The DataSet ids must be a list of 1 to 20 ids (text), but null was sent. Run more in turn.',
      }),
    );
  });
});
