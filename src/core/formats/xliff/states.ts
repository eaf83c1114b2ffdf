import type { SegmentStatus } from '../../model.js';

/**
 * Our statuses ↔ XLIFF states. XLIFF 2.0 has four states, so the exact status also goes in
 * `subState` (`atelier:draft`); a file from another tool without it still maps sensibly.
 * XLIFF 1.2 has more, and `x-` values for what it lacks.
 */
export function toXliff20(status: SegmentStatus): { state: 'initial' | 'translated' | 'reviewed' | 'final'; subState: string } {
	const state = status === 'translated' ? 'translated' : status === 'reviewed' ? 'reviewed' : 'initial';
	return { state, subState: `atelier:${status}` };
}

const STATUSES: readonly SegmentStatus[] = ['new', 'draft', 'translated', 'reviewed', 'rejected'];

export function fromXliff20(state: string | undefined, subState: string | undefined, hasTarget: boolean): SegmentStatus | null {
	const sub = subState?.startsWith('atelier:') ? subState.slice('atelier:'.length) : null;
	if (sub && (STATUSES as readonly string[]).includes(sub)) return sub as SegmentStatus;
	switch (state) {
		case 'translated':
			return 'translated';
		case 'reviewed':
		case 'final':
			return 'reviewed';
		case 'initial':
			return hasTarget ? 'draft' : 'new';
		default:
			return null;
	}
}

/** 1.2 `state` of the target (none when there is no target) and `approved`. */
export function toXliff12(status: SegmentStatus): { state: string; approved: boolean } {
	switch (status) {
		case 'new':
			return { state: 'new', approved: false };
		case 'draft':
			return { state: 'needs-review-translation', approved: false };
		case 'translated':
			return { state: 'translated', approved: false };
		case 'reviewed':
			return { state: 'signed-off', approved: true };
		case 'rejected':
			return { state: 'x-rejected', approved: false };
	}
}

export function fromXliff12(state: string | undefined, approved: string | undefined, hasTarget: boolean): SegmentStatus | null {
	if (approved === 'yes' && hasTarget) return 'reviewed';
	switch (state) {
		case 'x-rejected':
			return 'rejected';
		case 'signed-off':
		case 'final':
			return 'reviewed';
		case 'translated':
			return 'translated';
		case 'new':
		case 'needs-translation':
			return hasTarget ? 'draft' : 'new';
		case undefined:
			return hasTarget ? null : 'new';
		default:
			// needs-review-*, needs-adaptation, needs-l10n…: a target someone must look at again
			return hasTarget ? 'draft' : 'new';
	}
}
