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
}

const jobs = new Map<string, Job>();

export function createJob(file: string, bytesTotal: number): Job {
	const job: Job = { id: randomUUID(), file, bytesTotal, bytesRead: 0, units: 0, state: 'running', startedAt: Date.now() };
	jobs.set(job.id, job);
	// finished jobs are kept an hour for the page to read, then forgotten
	for (const [id, j] of jobs) if (j.state !== 'running' && Date.now() - j.startedAt > 3_600_000) jobs.delete(id);
	return job;
}

export function getJob(id: string): Job | undefined {
	return jobs.get(id);
}
