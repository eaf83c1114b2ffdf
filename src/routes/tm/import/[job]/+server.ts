import { error, json } from '@sveltejs/kit';
import { getJob } from '$lib/server/jobs.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
	const job = getJob(params.job);
	if (!job) error(404, { message: params.job });
	return json(job);
};
