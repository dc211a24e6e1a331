// Dutch strong, mixed and irregular verbs: a closed class of the grammar (ANS §2.3.6).
// Only simplex verbs are listed; prefixed and particle verbs (ondernemen, afnemen, overnemen,
// begrijpen, ontvangen, deelnemen, plaatsvinden …) are derived from these by the analyser and
// confirmed against the lexicon, never listed here.
//
// Columns: infinitive, past singular, past plural, past participle, then irregular present
// forms. Alternatives are separated by "/", "-" means none.
const TABLE = `
bakken bakte bakten gebakken
bannen bande banden gebannen
barsten barstte barstten gebarsten
bederven bedierf bedierven bedorven
bedriegen bedroog bedrogen bedrogen
beginnen begon begonnen begonnen
bergen borg borgen geborgen
bevelen beval bevalen bevolen
bewegen bewoog bewogen bewogen
bezwijken bezweek bezweken bezweken
bidden bad baden gebeden
bieden bood boden geboden
bijten beet beten gebeten
binden bond bonden gebonden
blazen blies bliezen geblazen
blijken bleek bleken gebleken
blijven bleef bleven gebleven
blinken blonk blonken geblonken
braden braadde braadden gebraden
breken brak braken gebroken
brengen bracht brachten gebracht
brouwen brouwde brouwden gebrouwen
buigen boog bogen gebogen
delven dolf dolven gedolven
denken dacht dachten gedacht
dingen dong dongen gedongen
doen deed deden gedaan doe/doet
dragen droeg droegen gedragen
drijven dreef dreven gedreven
dringen drong drongen gedrongen
drinken dronk dronken gedronken
druipen droop dropen gedropen
duiken dook doken gedoken
dwingen dwong dwongen gedwongen
eten at aten gegeten
fluiten floot floten gefloten
gaan ging gingen gegaan ga/gaat
gelden gold golden gegolden
gelijken geleek geleken geleken
genezen genas genazen genezen
genieten genoot genoten genoten
geven gaf gaven gegeven
gieten goot goten gegoten
glijden gleed gleden gegleden
glimmen glom glommen geglommen
graven groef groeven gegraven
grijpen greep grepen gegrepen
hangen hing hingen gehangen
hebben had hadden gehad heb/hebt/heeft
heffen hief hieven geheven
helpen hielp hielpen geholpen
heten heette heetten geheten
hijsen hees hesen gehesen
houden hield hielden gehouden
houwen hieuw hieuwen gehouwen
jagen joeg/jaagde joegen/jaagden gejaagd
kerven korf korven gekorven
kiezen koos kozen gekozen
kijken keek keken gekeken
kijven keef keven gekeven
klimmen klom klommen geklommen
klinken klonk klonken geklonken
kluiven kloof kloven gekloven
knijpen kneep knepen geknepen
komen kwam kwamen gekomen
kopen kocht kochten gekocht
krijgen kreeg kregen gekregen
krimpen kromp krompen gekrompen
kruipen kroop kropen gekropen
kunnen kon konden gekund kan/kunt/kun
kwijten kweet kweten gekweten
lachen lachte lachten gelachen
laden laadde laadden geladen
laten liet lieten gelaten
lezen las lazen gelezen
liegen loog logen gelogen
liggen lag lagen gelegen
lijden leed leden geleden
lijken leek leken geleken
lopen liep liepen gelopen
malen maalde maalden gemalen
melken molk/melkte molken/melkten gemolken
meten mat maten gemeten
mijden meed meden gemeden
moeten moest moesten gemoeten moet
mogen mocht mochten gemogen/gemoogd mag
nemen nam namen genomen
prijzen prees prezen geprezen
raden raadde/ried raadden/rieden geraden
rieken rook roken geroken
rijden reed reden gereden
rijzen rees rezen gerezen
roepen riep riepen geroepen
ruiken rook roken geroken
scheiden scheidde scheidden gescheiden
schelden schold scholden gescholden
schenden schond schonden geschonden
schenken schonk schonken geschonken
scheppen schiep schiepen geschapen
scheren schoor schoren geschoren
schieten schoot schoten geschoten
schijnen scheen schenen geschenen
schrijden schreed schreden geschreden
schrijven schreef schreven geschreven
schrikken schrok schrokken geschrokken
schuilen school scholen gescholen
schuiven schoof schoven geschoven
slaan sloeg sloegen geslagen sla/slaat
slapen sliep sliepen geslapen
slijpen sleep slepen geslepen
slijten sleet sleten gesleten
slinken slonk slonken geslonken
sluipen sloop slopen geslopen
sluiten sloot sloten gesloten
smelten smolt smolten gesmolten
smijten smeet smeten gesmeten
snijden sneed sneden gesneden
snuiten snoot snoten gesnoten
snuiven snoof snoven gesnoven
spannen spande spanden gespannen
spijten speet speten gespeten
spinnen spon sponnen gesponnen
splijten spleet spleten gespleten
spreken sprak spraken gesproken
springen sprong sprongen gesprongen
spugen spuugde/spoog spuugden/spogen gespuugd/gespogen
spuiten spoot spoten gespoten
staan stond stonden gestaan sta/staat
steken stak staken gestoken
stelen stal stalen gestolen
sterven stierf stierven gestorven
stijgen steeg stegen gestegen
stinken stonk stonken gestonken
stoten stootte stootten gestoten
strijden streed streden gestreden
strijken streek streken gestreken
stuiven stoof stoven gestoven
treden trad traden getreden
treffen trof troffen getroffen
trekken trok trokken getrokken
vallen viel vielen gevallen
vangen ving vingen gevangen
varen voer voeren gevaren
vechten vocht vochten gevochten
verdwijnen verdween verdwenen verdwenen
vergeten vergat vergaten vergeten
verliezen verloor verloren verloren
verslinden verslond verslonden verslonden
vinden vond vonden gevonden
vlechten vlocht vlochten gevlochten
vlieden vlood vloden gevloden
vliegen vloog vlogen gevlogen
vouwen vouwde vouwden gevouwen
vragen vroeg vroegen gevraagd
vreten vrat vraten gevreten
vriezen vroor vroren gevroren
waaien woei/waaide woeien/waaiden gewaaid
wassen waste wasten gewassen
wegen woog wogen gewogen
werpen wierp wierpen geworpen
werven wierf wierven geworven
weten wist wisten geweten weet
weven weefde weefden geweven
wijken week weken geweken
wijzen wees wezen gewezen
willen wilde/wou wilden gewild wil/wilt
winden wond wonden gewonden
winnen won wonnen gewonnen
worden werd werden geworden word/wordt
wreken wreekte wreekten gewroken
wrijven wreef wreven gewreven
zeggen zei/zegde zeiden/zegden gezegd
zenden zond zonden gezonden
zien zag zagen gezien zie/ziet
zijn was waren geweest ben/bent/is
zingen zong zongen gezongen
zinken zonk zonken gezonken
zinnen zon zonnen gezonnen
zitten zat zaten gezeten
zoeken zocht zochten gezocht
zuigen zoog zogen gezogen
zullen zou/zoude zouden - zal/zult/zul
zuipen zoop zopen gezopen
zwelgen zwolg zwolgen gezwolgen
zwellen zwol zwollen gezwollen
zwemmen zwom zwommen gezwommen
zweren zwoer/zwoor zwoeren/zworen gezworen
zwerven zwierf zwierven gezworven
zwijgen zweeg zwegen gezwegen
`;

export interface StrongVerbIndex {
  /** Every listed form (past, participle, irregular present) → infinitive(s). */
  forms: Map<string, string[]>;
  /** Participles without ge- (nomen ← genomen) → infinitive(s), for inseparable prefixes (ondernomen). */
  bareParticiples: Map<string, string[]>;
  /** Participles as listed (genomen, gegaan), for particle + participle (afgenomen). */
  participles: Map<string, string[]>;
  infinitives: Set<string>;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

let index: StrongVerbIndex | undefined;

export function strongVerbs(): StrongVerbIndex {
  if (index) return index;
  const forms = new Map<string, string[]>();
  const bareParticiples = new Map<string, string[]>();
  const participles = new Map<string, string[]>();
  const infinitives = new Set<string>();
  for (const line of TABLE.split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4) continue;
    const [inf, pastSg, pastPl, part, present] = cols as [string, string, string, string, string?];
    infinitives.add(inf);
    for (const col of [pastSg, pastPl, part, present ?? "-"]) {
      for (const f of col.split("/")) if (f !== "-") push(forms, f, inf);
    }
    for (const p of part.split("/")) {
      if (p === "-") continue;
      push(participles, p, inf);
      if (p.startsWith("ge")) push(bareParticiples, p.slice(2), inf);
    }
  }
  index = { forms, bareParticiples, participles, infinitives };
  return index;
}
