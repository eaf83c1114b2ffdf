/**
 * A seeded source of TM sentences: NATO-like sentences and near-duplicates of them with case,
 * number, word and punctuation changes, so that penalties reorder matches (for the lookup
 * tests that compare against scoring every unit).
 */
export function nearDuplicates(seed: number, ends: readonly string[] = ['', '.', ' !', ';']) {
	let a = seed;
	const rand = () => ((a = (a * 1103515245 + 12345) >>> 0) / 2 ** 32);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
	const base = ['Le Conseil a mené un exercice naval en 2008', 'La sécurité de l’Alliance reste notre priorité', 'Les Alliés ont examiné la situation en Afghanistan', 'Le COR a adopté le plan d’action le 12 mai'];
	const extra = ['défense', 'OTAN', 'forces', 'mission', 'partenariat', 'Conseil', 'le', 'de', '2009', '15'];
	function vary(s: string): string {
		const w = s.split(' ');
		const edits = Math.floor(rand() * 5);
		for (let e = 0; e < edits; e++) {
			const i = Math.floor(rand() * w.length);
			const r = rand();
			if (r < 0.25) w[i] = w[i].toUpperCase();
			else if (r < 0.45) w[i] = String(Math.floor(rand() * 3000));
			else if (r < 0.7) w[i] = pick(extra);
			else if (r < 0.85 && w.length > 3) w.splice(i, 1);
			else w.splice(i, 0, pick(extra));
		}
		return w.join(' ') + pick(ends);
	}
	return { rand, pick, vary, base, extra };
}
