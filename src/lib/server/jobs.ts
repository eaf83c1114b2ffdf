import { randomUUID } from 'node:crypto';

/** A long-running import the page follows by polling: bytes read, units, outcome. */
export interface Job {
	id: string;
	file: string;
	bytesTotal: number;
	bytesRead: number;
	units: number;
	state: 'running' | 'done' | 'failed';
	error?: string;
	written?: number;
	startedAt: number;
	/** what the reader read past (first JOB_WARNINGS), located, and how many in all */
	warnings: { kind: string; line: number; column?: number; detail: string }[];
	warningCount: number;
}

/** Warnings a job keeps to show; past these, only their number (a bad file can have one per unit). */
export const JOB_WARNINGS = 20;

const jobs = new Map<string, Job>();

export function createJob(file: string, bytesTotal: number): Job {
	const job: Job = { id: randomUUID(), file, bytesTotal, bytesRead: 0, units: 0, state: 'running', startedAt: Date.now(), warnings: [], warningCount: 0 };
	jobs.set(job.id, job);
	// finished jobs are kept an hour for the page to read, then forgotten
	for (const [id, j] of jobs) if (j.state !== 'running' && Date.now() - j.startedAt > 3_600_000) jobs.delete(id);
	return job;
}

export function getJob(id: string): Job | undefined {
	return jobs.get(id);
}
