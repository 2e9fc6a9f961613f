/** The import jobs held in memory: when the store is full, finished jobs make room before a preview still waiting. */
import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src/app/import.ts';
import { ImportJobs } from '../../src/app/import-jobs.ts';
import type { AssessmentId, UserId } from '../../src/db/ids.ts';

const owner = { userId: 1 as UserId, assessmentId: 1 as AssessmentId };
const never = () => new Promise<never>(() => {});

describe('ImportJobs', () => {
  it('makes room with finished jobs first, then waiting previews, and keeps checks under way', async () => {
    const jobs = new ImportJobs();
    const waiting = jobs.start(owner, 'waiting.csv', async () => ({ kind: 'preview', preview: {} as ImportPreview }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(jobs.get(waiting.id, owner)?.state.kind).toBe('ready');
    const checking = Array.from({ length: 18 }, (_, k) => jobs.start(owner, `checking-${k}.csv`, never));
    const finished = jobs.start(owner, 'done.csv', never);
    finished.state = { kind: 'imported', count: 3, replaced: 0 };

    jobs.start(owner, 'next.csv', never);
    expect(jobs.get(finished.id, owner)).toBeUndefined();
    expect(jobs.get(waiting.id, owner)?.state.kind).toBe('ready');

    jobs.start(owner, 'after.csv', never);
    expect(jobs.get(waiting.id, owner)).toBeUndefined();
    expect(checking.every((j) => jobs.get(j.id, owner) !== undefined)).toBe(true);
  });
});
