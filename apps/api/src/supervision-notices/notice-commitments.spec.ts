import { checkNoticeCommitments } from './notice-commitments';

const TODAY = '2026-03-12';
const ITEMS = [
  { id: 'item-1', projectId: 'p1', milestoneId: 'm1' },
  { id: 'item-2', projectId: 'p2', milestoneId: null },
];
const fieldsOf = (action: () => unknown): Array<{ field: string; reason: string }> => {
  try {
    action();
    return [];
  } catch (error) {
    return (error as { details: Array<{ field: string; reason: string }> }).details;
  }
};

describe('a reply to a 督办单: its committed dates', () => {
  it('takes one date per item, today or later, in the notice\'s item order', () => {
    const commitments = checkNoticeCommitments(
      [
        { itemId: 'item-2', committedDate: '2026-04-30' },
        { itemId: 'item-1', committedDate: TODAY },
      ],
      ITEMS,
      TODAY,
    );
    expect(commitments).toEqual([
      { itemId: 'item-1', projectId: 'p1', milestoneId: 'm1', committedDate: TODAY },
      { itemId: 'item-2', projectId: 'p2', milestoneId: null, committedDate: '2026-04-30' },
    ]);
  });

  it('names every field at fault at once: a past date, a foreign item, an item twice, an item missing', () => {
    const details = fieldsOf(() =>
      checkNoticeCommitments(
        [
          { itemId: 'item-1', committedDate: '2026-03-11' },
          { itemId: 'elsewhere', committedDate: '2026-04-30' },
          { itemId: 'item-1', committedDate: '2026-04-30' },
        ],
        ITEMS,
        TODAY,
      ),
    );
    expect(details.map((detail) => detail.field)).toEqual(['items[0].committedDate', 'items[1].itemId', 'items[2].itemId', 'items']);
    expect(details[3].reason).toContain('item-2');
  });
});
