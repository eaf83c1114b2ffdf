/**
 * French and English function words, folded (lower case, no accents) as the aligner's word
 * forms are. A learned pair with one of these on either side is an artefact of small counts
 * (`est`→`together` co-occurred twice), never a reason to believe a bead: the evidence leaves
 * such pairs out. The scoring does not use this list.
 */
const FR = `a ai aie ait as au aux avait avaient avec avoir ayant c ca ce ceci cela celle celles celui
ces cet cette ceux chaque comme d dans de des deja dont du elle elles en entre est et etaient etait
ete etre eu eux fait faire font ici il ils j je l la le les leur leurs lui m ma mais me meme memes
mes moi mon n ne ni nos notre nous on ont ou par parce pas peu peut plus pour pourquoi qu quand que
quel quelle quelles quels qui s sa sans se sera seront ses si soit son sont sous sur t ta te tes
toi ton tous tout toute toutes tres tu un une unes uns vers voici voila vos votre vous y afin ainsi
alors apres aupres aussi autre autres avant bien car cependant chez contre depuis donc dont encore
lors lorsque meme moins non outre parmi pendant plusieurs puis quelque quelques selon tant tel telle
toujours toutefois vis aujourd hui etant sera serait seraient avons avez auront aura`;

const EN = `a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each either few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just may me might more most must my myself no nor not now of off on once only or other our
ours ourselves out over own same shall she should so some such than that the their theirs them
themselves then there these they this those through to too under until up upon very via was we were
what when where which while who whom whose why will with within without would you your yours
yourself yourselves well many much one ones since thus therefore however whether among amongst
including`;

const WORDS = new Set([...FR.split(/\s+/), ...EN.split(/\s+/)].filter(Boolean));

export function isStopword(folded: string): boolean {
	return WORDS.has(folded);
}
