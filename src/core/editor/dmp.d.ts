// diff-match-patch ships no types; the editor uses only these three methods.
declare module 'diff-match-patch' {
	export default class DiffMatchPatch {
		diff_main(a: string, b: string, checklines?: boolean): [number, string][];
		diff_cleanupSemantic(diffs: [number, string][]): void;
		Diff_Timeout: number;
	}
}
