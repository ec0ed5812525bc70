import { GroupCommit } from './group-commit';

/** A write that doubles its items, records each call, and can be held open or made to refuse an item. */
function store({ refuse }: { refuse?: number } = {}) {
  const calls: number[][] = [];
  let release: () => void = () => undefined;
  let held = Promise.resolve();
  const write = async (items: number[]) => {
    calls.push(items);
    await held;
    if (refuse !== undefined && items.includes(refuse)) throw new Error(`refused ${refuse}`);
    return items.map((item) => item * 2);
  };
  return {
    calls,
    write,
    hold() {
      held = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
  };
}

describe('GroupCommit', () => {
  it('writes a lone caller as it is', async () => {
    const target = store();
    const group = new GroupCommit(target.write);

    await expect(group.submit([1, 2])).resolves.toEqual([2, 4]);
    expect(target.calls).toEqual([[1, 2]]);
  });

  it('writes what arrives while a write is in flight together, in order, each caller getting its own results', async () => {
    const target = store();
    const group = new GroupCommit(target.write);
    target.hold();
    const first = group.submit([1]);
    const second = group.submit([2, 3]);
    const third = group.submit([4]);
    target.release();

    await expect(Promise.all([first, second, third])).resolves.toEqual([[2], [4, 6], [8]]);
    expect(target.calls).toEqual([[1], [2, 3, 4]]);
  });

  it('refuses only the caller whose own items are refused when a merged write fails', async () => {
    const target = store({ refuse: 3 });
    const group = new GroupCommit(target.write);
    target.hold();
    const first = group.submit([1]);
    const second = group.submit([2]);
    const refused = group.submit([3]);
    const fourth = group.submit([4]);
    target.release();

    await expect(first).resolves.toEqual([2]);
    await expect(second).resolves.toEqual([4]);
    await expect(refused).rejects.toThrow('refused 3');
    await expect(fourth).resolves.toEqual([8]);
    expect(target.calls).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('keeps writing after a failure', async () => {
    const target = store({ refuse: 1 });
    const group = new GroupCommit(target.write);

    await expect(group.submit([1])).rejects.toThrow('refused 1');
    await expect(group.submit([2])).resolves.toEqual([4]);
  });
});
