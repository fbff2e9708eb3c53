<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it" sourcelanguage="en">
<context>
    <name>ApplicationsModel</name>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Lead partner</source>
        <translation>Capofila</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Municipio</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Costo</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>Contributo</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>Ammissibilità</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sessione</translation>
    </message>
    <message>
        <source>outside</source>
        <translation>fuori</translation>
    </message>
</context>
<context>
    <name>AssignmentMatrixModel</name>
    <message>
        <source>assigned</source>
        <translation>assegnata</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflitto</translation>
    </message>
    <message>
        <source>conflict?</source>
        <translation>conflitto?</translation>
    </message>
    <message>
        <source>Assigned, not scored yet</source>
        <translation>Assegnata, non ancora valutata</translation>
    </message>
    <message>
        <source>Assigned, a draft sheet</source>
        <translation>Assegnata, scheda in bozza</translation>
    </message>
    <message>
        <source>Assigned, sheet submitted</source>
        <translation>Assegnata, scheda inviata</translation>
    </message>
    <message>
        <source>Conflict of interest (confirmed): never assigned</source>
        <translation>Conflitto di interessi (confermato): non può essere assegnata</translation>
    </message>
    <message>
        <source>Conflict of interest proposed by the detection: confirm or dismiss it in the conflicts list</source>
        <translation>Conflitto di interessi proposto dalla rilevazione automatica: confermalo o scartalo nell&apos;elenco dei conflitti</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Evaluators</source>
        <translation>Valutatori</translation>
    </message>
    <message>
        <source>{name}
{done} of {total}</source>
        <translation>{name}
{done} di {total}</translation>
    </message>
    <message>
        <source>{name} ({role}): {load} assigned, {done} submitted, {drafts} drafts</source>
        <translation>{name} ({role}): {load} assegnate, {done} inviate, {drafts} bozze</translation>
    </message>
    <message>
        <source>{n} of {total}</source>
        <translation>{n} di {total}</translation>
    </message>
    <message>
        <source>Short of evaluators: {n} of {total}</source>
        <translation>Valutatori insufficienti: {n} di {total}</translation>
    </message>
    <message>
        <source>{member}, {code}: {state}</source>
        <translation>{member}, {code}: {state}</translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation>non assegnata</translation>
    </message>
    <message>
        <source>Not assigned: Insert assigns</source>
        <translation>Non assegnata: premi Ins per assegnarla</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Riprova</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>CampaignChart</name>
    <message>
        <source>Campaign chart</source>
        <translation>Grafico della campagna</translation>
    </message>
    <message>
        <source>No campaign selected.</source>
        <translation>Nessuna campagna selezionata.</translation>
    </message>
    <message>
        <source>Raised {raised} of the target {target} ({percent}) by {day}.</source>
        <translation>Raccolti {raised} sull&apos;obiettivo di {target} ({percent}) al {day}.</translation>
    </message>
    <message>
        <source>Best day: {day} with {amount}.</source>
        <translation>Giorno migliore: {day} con {amount}.</translation>
    </message>
    <message>
        <source>Forecast at closing on {day}: {low} to {high}, most likely {expected}.</source>
        <translation>Previsione alla chiusura del {day}: da {low} a {high}, più probabile {expected}.</translation>
    </message>
    <message>
        <source>{amount}/day</source>
        <translation>{amount}/giorno</translation>
    </message>
    <message>
        <source>Select a campaign to see its chart.</source>
        <translation>Seleziona una campagna per vederne il grafico.</translation>
    </message>
    <message>
        <source>No dates and no donations yet for this campaign.</source>
        <translation>Questa campagna non ha ancora né date né donazioni.</translation>
    </message>
    <message>
        <source>Target {amount}</source>
        <translation>Obiettivo {amount}</translation>
    </message>
    <message>
        <source>today</source>
        <translation>oggi</translation>
    </message>
    <message>
        <source>Raised (cumulative)</source>
        <translation>Raccolto (cumulato)</translation>
    </message>
    <message>
        <source>Daily donations</source>
        <translation>Donazioni giornaliere</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Obiettivo</translation>
    </message>
    <message>
        <source>Forecast range</source>
        <translation>Intervallo di previsione</translation>
    </message>
</context>
<context>
    <name>CampaignTracking</name>
    <message>
        <source>&amp;Campaigns</source>
        <translation>&amp;Campagne</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Sincronizza ora</translation>
    </message>
    <message>
        <source>&amp;Platform and Credentials…</source>
        <translation>&amp;Piattaforma e credenziali…</translation>
    </message>
    <message>
        <source>&amp;Record Outcomes of Closed Campaigns</source>
        <translation>&amp;Registra gli esiti delle campagne chiuse</translation>
    </message>
    <message>
        <source>Ca&amp;mpaigns</source>
        <translation>Cam&amp;pagne</translation>
    </message>
    <message>
        <source>Campaign sync</source>
        <translation>Sincronizzazione delle campagne</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>No crowdfunding platform is set: choose Campaigns › Platform and Credentials… to add one.</source>
        <translation>Nessuna piattaforma di crowdfunding impostata: scegli Campagne › Piattaforma e credenziali… per aggiungerne una.</translation>
    </message>
    <message>
        <source>Syncing the campaigns…</source>
        <translation>Sincronizzazione delle campagne…</translation>
    </message>
    <message>
        <source>Campaigns offline</source>
        <translation>Campagne offline</translation>
    </message>
    <message>
        <source>The campaigns were not synced.</source>
        <translation>Le campagne non sono state sincronizzate.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizzazione…</translation>
    </message>
    <message>
        <source>Outcomes recorded: {count}</source>
        <translation>Esiti registrati: {count}</translation>
    </message>
    <message>
        <source>Not recorded.</source>
        <translation>Esiti non registrati.</translation>
    </message>
</context>
<context>
    <name>CampaignsModel</name>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagna</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Raised / target</source>
        <translation>Raccolto / obiettivo</translation>
    </message>
    <message>
        <source>% of target</source>
        <translation>% dell&apos;obiettivo</translation>
    </message>
    <message>
        <source>Donors</source>
        <translation>Donatori</translation>
    </message>
    <message>
        <source>Average donation</source>
        <translation>Donazione media</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Giorni rimasti</translation>
    </message>
    <message>
        <source>Needed per day</source>
        <translation>Necessario al giorno</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Previsione</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>A rischio</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Domanda</translation>
    </message>
    <message>
        <source>forecast {forecast} below the target {target}</source>
        <translation>previsione {forecast} sotto l&apos;obiettivo di {target}</translation>
    </message>
    <message>
        <source>{elapsed} of the duration gone with {percent} of the target (threshold {threshold})</source>
        <translation>trascorso il {elapsed} della durata con il {percent} dell&apos;obiettivo (soglia {threshold})</translation>
    </message>
    <message>
        <source>needs {required} a day, more than {factor} times the average so far ({average} a day)</source>
        <translation>servono {required} al giorno, più di {factor} volte la media finora ({average} al giorno)</translation>
    </message>
    <message>
        <source>closes in 1 day at {percent} of the target (threshold {threshold})</source>
        <translation>chiude tra 1 giorno al {percent} dell&apos;obiettivo (soglia {threshold})</translation>
    </message>
    <message>
        <source>closes in {days} days at {percent} of the target (threshold {threshold})</source>
        <translation>chiude tra {days} giorni al {percent} dell&apos;obiettivo (soglia {threshold})</translation>
    </message>
    <message>
        <source>At risk: {reasons}</source>
        <translation>A rischio: {reasons}</translation>
    </message>
    <message>
        <source>Target reached: grant awarded</source>
        <translation>Obiettivo raggiunto: contributo concesso</translation>
    </message>
    <message>
        <source>Target reached</source>
        <translation>Obiettivo raggiunto</translation>
    </message>
    <message>
        <source>Target not reached: no grant</source>
        <translation>Obiettivo non raggiunto: nessun contributo</translation>
    </message>
    <message>
        <source>Target not reached</source>
        <translation>Obiettivo non raggiunto</translation>
    </message>
    <message>
        <source>On course</source>
        <translation>In linea</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Non iniziata</translation>
    </message>
    <message>
        <source>Closed, waiting for the final data</source>
        <translation>Chiusa, in attesa dei dati definitivi</translation>
    </message>
    <message>
        <source>{expected} ({low}–{high})</source>
        <translation>{expected} ({low}–{high})</translation>
    </message>
    <message>
        <source>not linked</source>
        <translation>non collegata</translation>
    </message>
    <message>
        <source>{code} (linked by hand)</source>
        <translation>{code} (collegata a mano)</translation>
    </message>
    <message>
        <source>Expected at closing, with the likely range</source>
        <translation>Previsione alla chiusura, con l&apos;intervallo probabile</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>Campaigns not loaded yet</source>
        <translation>Campagne non ancora caricate</translation>
    </message>
    <message>
        <source>How fresh the campaign data is</source>
        <translation>Aggiornamento dei dati delle campagne</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Sincronizza ora</translation>
    </message>
    <message>
        <source>Totals of the call</source>
        <translation>Totali del bando</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>The campaigns could not be loaded.</source>
        <translation>Impossibile caricare le campagne.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizzazione…</translation>
    </message>
    <message>
        <source>No data synced yet</source>
        <translation>Nessun dato ancora sincronizzato</translation>
    </message>
    <message>
        <source>Offline: {text}</source>
        <translation>Offline: {text}</translation>
    </message>
    <message>
        <source>Offline: data as of {when}</source>
        <translation>Offline: dati al {when}</translation>
    </message>
    <message>
        <source>Data as of {when}</source>
        <translation>Dati al {when}</translation>
    </message>
    <message>
        <source>Raised: {amount}</source>
        <translation>Raccolto: {amount}</translation>
    </message>
    <message>
        <source>Grants awarded: {amount}</source>
        <translation>Contributi concessi: {amount}</translation>
    </message>
    <message>
        <source>Grants due if all succeed: {amount}</source>
        <translation>Contributi dovuti se tutte riescono: {amount}</translation>
    </message>
    <message>
        <source>Grants at risk: {amount}</source>
        <translation>Contributi a rischio: {amount}</translation>
    </message>
    <message>
        <source>Budget left: {amount} of {budget}</source>
        <translation>Dotazione residua: {amount} di {budget}</translation>
    </message>
    <message>
        <source>1 campaign not linked to an application</source>
        <translation>1 campagna non collegata a una domanda</translation>
    </message>
    <message>
        <source>{count} campaigns not linked to an application</source>
        <translation>{count} campagne non collegate a una domanda</translation>
    </message>
</context>
<context>
    <name>CommitteeView</name>
    <message>
        <source>Committee and assignment</source>
        <translation>Commissione e assegnazioni</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Ultimo risultato</translation>
    </message>
    <message>
        <source>Evaluators per application</source>
        <translation>Valutatori per domanda</translation>
    </message>
    <message>
        <source>Evaluators &amp;per application:</source>
        <translation>Valutatori &amp;per domanda:</translation>
    </message>
    <message>
        <source>&amp;Assign Automatically</source>
        <translation>&amp;Assegna automaticamente</translation>
    </message>
    <message>
        <source>Give every admissible application N evaluators, balancing the load and respecting conflicts; what is already assigned stays</source>
        <translation>Assegna N valutatori a ogni domanda ammissibile, bilanciando il carico e rispettando i conflitti; le assegnazioni già fatte restano</translation>
    </message>
    <message>
        <source>&amp;Evaluators…</source>
        <translation>&amp;Valutatori…</translation>
    </message>
    <message>
        <source>Members and their links</source>
        <translation>Componenti e loro legami</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ggiorna</translation>
    </message>
    <message>
        <source>Assignment matrix</source>
        <translation>Matrice delle assegnazioni</translation>
    </message>
    <message>
        <source>&amp;Assign</source>
        <translation>&amp;Assegna</translation>
    </message>
    <message>
        <source>&amp;Unassign</source>
        <translation>&amp;Rimuovi assegnazione</translation>
    </message>
    <message>
        <source>&amp;Declare Conflict…</source>
        <translation>&amp;Dichiara conflitto…</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Componente</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assegnate</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Inviate</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Bozze</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Avanzamento</translation>
    </message>
    <message>
        <source>Members&apos; load and progress</source>
        <translation>Carico e avanzamento dei componenti</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Componenti</translation>
    </message>
    <message>
        <source>Conflicts shown</source>
        <translation>Conflitti visualizzati</translation>
    </message>
    <message>
        <source>All conflicts</source>
        <translation>Tutti i conflitti</translation>
    </message>
    <message>
        <source>Proposed (to decide)</source>
        <translation>Proposti (da decidere)</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confermati</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>Scartati</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Domanda</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Deciso</translation>
    </message>
    <message>
        <source>Conflicts of interest</source>
        <translation>Conflitti di interessi</translation>
    </message>
    <message>
        <source>De&amp;tect</source>
        <translation>&amp;Rileva</translation>
    </message>
    <message>
        <source>Compare every member&apos;s links with the lead partner and every partner of each application</source>
        <translation>Confronta i legami di ogni componente con il capofila e con ogni partner di ciascuna domanda</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Conferma</translation>
    </message>
    <message>
        <source>Dis&amp;miss…</source>
        <translation>&amp;Scarta…</translation>
    </message>
    <message>
        <source>Dec&amp;lare…</source>
        <translation>&amp;Dichiara…</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Mostra:</translation>
    </message>
    <message>
        <source>The committee could not be loaded.</source>
        <translation>Impossibile caricare la commissione.</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name} (non attivo)</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} di {total}</translation>
    </message>
    <message>
        <source>{who}, {when}</source>
        <translation>{who}, {when}</translation>
    </message>
    <message>
        <source>Conflicts of interest ({proposed} to decide)</source>
        <translation>Conflitti di interessi ({proposed} da decidere)</translation>
    </message>
    <message>
        <source>{n} assignments created.</source>
        <translation>Assegnazioni create: {n}.</translation>
    </message>
    <message>
        <source>Short of evaluators (too many conflicts): {codes}.</source>
        <translation>Valutatori insufficienti (troppi conflitti): {codes}.</translation>
    </message>
    <message>
        <source>{code} ({n} missing)</source>
        <translation>{code} (ne mancano {n})</translation>
    </message>
    <message>
        <source>Nothing was assigned.</source>
        <translation>Non è stato assegnato nulla.</translation>
    </message>
    <message>
        <source>{member} assigned to {code}.</source>
        <translation>{code} assegnata a {member}.</translation>
    </message>
    <message>
        <source>Not assigned.</source>
        <translation>Assegnazione non eseguita.</translation>
    </message>
    <message>
        <source>{member} no longer assigned to {code}.</source>
        <translation>{code} non è più assegnata a {member}.</translation>
    </message>
    <message>
        <source>Not unassigned.</source>
        <translation>Assegnazione non rimossa.</translation>
    </message>
    <message>
        <source>Detection: {new} new conflicts proposed, {known} already known.</source>
        <translation>Rilevazione: {new} nuovi conflitti proposti, {known} già noti.</translation>
    </message>
    <message>
        <source>The detection did not run.</source>
        <translation>La rilevazione non è stata eseguita.</translation>
    </message>
    <message>
        <source>Conflict confirmed: {member} will not evaluate {code}.</source>
        <translation>Conflitto confermato: {member} non valuterà {code}.</translation>
    </message>
    <message>
        <source>The conflict was not confirmed.</source>
        <translation>Il conflitto non è stato confermato.</translation>
    </message>
    <message>
        <source>Dismiss a Conflict</source>
        <translation>Scarta un conflitto</translation>
    </message>
    <message>
        <source>Why is {member} not in conflict with {code}? (recorded)</source>
        <translation>Perché {member} non è in conflitto con {code}? (viene registrato)</translation>
    </message>
    <message>
        <source>Not dismissed: a note is required.</source>
        <translation>Non scartato: serve una nota.</translation>
    </message>
    <message>
        <source>Conflict dismissed: {member} may evaluate {code}.</source>
        <translation>Conflitto scartato: {member} può valutare {code}.</translation>
    </message>
    <message>
        <source>The conflict was not dismissed.</source>
        <translation>Il conflitto non è stato scartato.</translation>
    </message>
    <message>
        <source>Conflict declared: {member} will not evaluate {code}.</source>
        <translation>Conflitto dichiarato: {member} non valuterà {code}.</translation>
    </message>
    <message>
        <source>A submitted sheet of {member} for {code} stays on record but is left out of the ranking.</source>
        <translation>La scheda già inviata da {member} per {code} resta agli atti ma è esclusa dalla graduatoria.</translation>
    </message>
    <message>
        <source>The conflict was not declared.</source>
        <translation>Il conflitto non è stato dichiarato.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong. Your data is safe: nothing half-done was saved.</source>
        <translation>Si è verificato un problema. I tuoi dati sono al sicuro: non è stato salvato nulla di incompleto.</translation>
    </message>
    <message>
        <source>The details are in the log file: {path}</source>
        <translation>I dettagli sono nel file di log: {path}</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copia i dettagli</translation>
    </message>
</context>
<context>
    <name>DeclareConflictDialog</name>
    <message>
        <source>Declare a Conflict of Interest</source>
        <translation>Dichiara un conflitto di interessi</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Componente</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Domanda</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>E.g. board member of a partner of the aggregation</source>
        <translation>Es. membro del consiglio di amministrazione di un partner dell&apos;aggregazione</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>&amp;Componente:</translation>
    </message>
    <message>
        <source>&amp;Application:</source>
        <translation>&amp;Domanda:</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Motivo (obbligatorio):</translation>
    </message>
    <message>
        <source>Declare</source>
        <translation>Dichiara</translation>
    </message>
    <message>
        <source>A declared conflict is confirmed at once: the member&apos;s assignment and draft for the application are removed.</source>
        <translation>Un conflitto dichiarato è confermato subito: l&apos;assegnazione e la bozza del componente per quella domanda vengono rimosse.</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>Application detail</source>
        <translation>Dettaglio della domanda</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>Ammissibilità</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Domanda</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Denominazione</translation>
    </message>
    <message>
        <source>Tax code</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>R.E.A.</source>
        <translation>R.E.A.</translation>
    </message>
    <message>
        <source>Legal form</source>
        <translation>Forma giuridica</translation>
    </message>
    <message>
        <source>PEC</source>
        <translation>PEC</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Partners of the aggregation</source>
        <translation>Partner dell&apos;aggregazione</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regola</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Deroga</translation>
    </message>
    <message>
        <source>Eligibility rules</source>
        <translation>Regole di ammissibilità</translation>
    </message>
    <message>
        <source>&amp;Override…</source>
        <translation>&amp;Deroga…</translation>
    </message>
    <message>
        <source>Replace the selected rule&apos;s outcome, with a note saying why</source>
        <translation>Sostituisci l&apos;esito della regola selezionata, con una nota che ne spieghi il motivo</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Data di presentazione</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sessione</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sintesi</translation>
    </message>
    <message>
        <source>Lead partner</source>
        <translation>Capofila</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Operating address</source>
        <translation>Sede operativa</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Municipio</translation>
    </message>
    <message>
        <source>Neighbourhood</source>
        <translation>Quartiere (NIL)</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Obiettivi</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>Costo totale</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>Contributo</translation>
    </message>
    <message>
        <source>Crowdfunding target</source>
        <translation>Obiettivo di raccolta</translation>
    </message>
    <message>
        <source>Declared target</source>
        <translation>Obiettivo dichiarato</translation>
    </message>
    <message>
        <source>Duration (months)</source>
        <translation>Durata (mesi)</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Data di avvio</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>Ultimo aggiornamento</translation>
    </message>
    <message>
        <source>Application fields</source>
        <translation>Campi della domanda</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Valore precedente</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Nuovo valore</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Autore</translation>
    </message>
    <message>
        <source>Field history</source>
        <translation>Storico delle modifiche ai campi</translation>
    </message>
    <message>
        <source>No field has changed since the first import.</source>
        <translation>Nessun campo è cambiato dalla prima importazione.</translation>
    </message>
    <message>
        <source>Select an application to see its details.</source>
        <translation>Seleziona una domanda per vederne il dettaglio.</translation>
    </message>
    <message>
        <source>lead partner</source>
        <translation>capofila</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>partner</translation>
    </message>
    <message>
        <source>Partners ({n})</source>
        <translation>Partner ({n})</translation>
    </message>
    <message>
        <source>History ({n})</source>
        <translation>Cronologia ({n})</translation>
    </message>
    <message>
        <source>{outcome} (override)</source>
        <translation>{outcome} (deroga)</translation>
    </message>
    <message>
        <source>{note} — {officer}, {date}</source>
        <translation>{note} — {officer}, {date}</translation>
    </message>
    <message>
        <source>Computed: {outcome}</source>
        <translation>Esito calcolato: {outcome}</translation>
    </message>
    <message>
        <source>outside every session</source>
        <translation>fuori sessione</translation>
    </message>
</context>
<context>
    <name>EvaluationActions</name>
    <message>
        <source>&amp;Score Sheets…</source>
        <translation>&amp;Schede di valutazione…</translation>
    </message>
    <message>
        <source>&amp;Committee and Assignment…</source>
        <translation>&amp;Commissione e assegnazioni…</translation>
    </message>
    <message>
        <source>&amp;Ranking…</source>
        <translation>&amp;Graduatoria…</translation>
    </message>
    <message>
        <source>Export &amp;Kit…</source>
        <translation>Esporta &amp;kit…</translation>
    </message>
    <message>
        <source>Import Kit Re&amp;turn…</source>
        <translation>Importa il file di ri&amp;torno…</translation>
    </message>
    <message>
        <source>Import Scores from &amp;CSV…</source>
        <translation>Importa &amp;punteggi da CSV…</translation>
    </message>
    <message>
        <source>&amp;Open a Kit…</source>
        <translation>&amp;Apri un kit…</translation>
    </message>
    <message>
        <source>Export Return &amp;File…</source>
        <translation>Esporta il &amp;file di ritorno…</translation>
    </message>
    <message>
        <source>E&amp;valuation</source>
        <translation>Valuta&amp;zione</translation>
    </message>
    <message>
        <source>The evaluation menu could not read the database.</source>
        <translation>Il menu Valutazione non è riuscito a leggere il database.</translation>
    </message>
    <message>
        <source>kit of {name}</source>
        <translation>kit di {name}</translation>
    </message>
    <message>
        <source>No committee member yet: add them in Committee and Assignment.</source>
        <translation>Nessun componente della commissione: aggiungili in Commissione e assegnazioni.</translation>
    </message>
    <message>
        <source>The committee could not be read.</source>
        <translation>Impossibile leggere la commissione.</translation>
    </message>
    <message>
        <source>Score Sheets</source>
        <translation>Schede di valutazione</translation>
    </message>
    <message>
        <source>Whose sheets?</source>
        <translation>Schede di quale valutatore?</translation>
    </message>
    <message>
        <source>Score Sheets — {name}</source>
        <translation>Schede di valutazione — {name}</translation>
    </message>
    <message>
        <source>Committee and Assignment</source>
        <translation>Commissione e assegnazioni</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Graduatoria</translation>
    </message>
    <message>
        <source>Export a Kit</source>
        <translation>Esporta un kit</translation>
    </message>
    <message>
        <source>Kit for which evaluator?</source>
        <translation>Kit per quale valutatore?</translation>
    </message>
    <message>
        <source>Save the Kit as</source>
        <translation>Salva il kit con nome</translation>
    </message>
    <message>
        <source>Commissione kits</source>
        <translation>Kit di Commissione</translation>
    </message>
    <message>
        <source>Kit for {name} written to {path}: {applications} applications, {sheets} sheets. Send it to the evaluator.</source>
        <translation>Kit per {name} salvato in {path}: {applications} domande, {sheets} schede. Invialo al valutatore.</translation>
    </message>
    <message>
        <source>The kit was not exported.</source>
        <translation>Il kit non è stato esportato.</translation>
    </message>
    <message>
        <source>Import a Kit Return</source>
        <translation>Importa un file di ritorno</translation>
    </message>
    <message>
        <source>Kit returns</source>
        <translation>File di ritorno dei kit</translation>
    </message>
    <message>
        <source>The return was not imported.</source>
        <translation>Il file di ritorno non è stato importato.</translation>
    </message>
    <message>
        <source>This return of {name} was already imported: nothing changed.</source>
        <translation>Questo file di ritorno di {name} era già stato importato: non è cambiato nulla.</translation>
    </message>
    <message>
        <source>Return not imported: nothing was changed.</source>
        <translation>File di ritorno non importato: non è stato modificato nulla.</translation>
    </message>
    <message>
        <source>Return of {name} imported: {updated} sheets updated, {unchanged} unchanged, {kept} kept as they were here.</source>
        <translation>File di ritorno di {name} importato: {updated} schede aggiornate, {unchanged} invariate, {kept} mantenute come erano qui.</translation>
    </message>
    <message>
        <source>Import Scores Given on Paper</source>
        <translation>Importa i punteggi dati su carta</translation>
    </message>
    <message>
        <source>Spreadsheets (CSV, XLSX, ODS)</source>
        <translation>Fogli di calcolo (CSV, XLSX, ODS)</translation>
    </message>
    <message>
        <source>The scores were not imported.</source>
        <translation>I punteggi non sono stati importati.</translation>
    </message>
    <message>
        <source>Scores Not Imported</source>
        <translation>Punteggi non importati</translation>
    </message>
    <message>
        <source>row {row}, {column} «{value}»: {reason}</source>
        <translation>riga {row}, {column} «{value}»: {reason}</translation>
    </message>
    <message>
        <source>{n} problems in {file}: nothing was imported. Correct the file and import it again.</source>
        <translation>Problemi in {file}: {n}. Non è stato importato nulla: correggi il file e importalo di nuovo.</translation>
    </message>
    <message>
        <source>Scores imported from {file}: {created} sheets created, {updated} updated, {unchanged} unchanged; {submitted} submitted, {drafts} left as drafts.</source>
        <translation>Punteggi importati da {file}: {created} schede create, {updated} aggiornate, {unchanged} invariate; {submitted} inviate, {drafts} lasciate in bozza.</translation>
    </message>
    <message>
        <source>Save the Return File as</source>
        <translation>Salva il file di ritorno con nome</translation>
    </message>
    <message>
        <source>Return file written to {path}: {sheets} sheets ({submitted} submitted). Send it to the secretariat.</source>
        <translation>File di ritorno salvato in {path}: {sheets} schede ({submitted} inviate). Invialo alla segreteria.</translation>
    </message>
    <message>
        <source>The return file was not written.</source>
        <translation>Il file di ritorno non è stato salvato.</translation>
    </message>
    <message>
        <source>Open a Kit</source>
        <translation>Apri un kit</translation>
    </message>
    <message>
        <source>The kit could not be opened.</source>
        <translation>Impossibile aprire il kit.</translation>
    </message>
</context>
<context>
    <name>EvaluatorsDialog</name>
    <message>
        <source>Evaluators</source>
        <translation>Valutatori</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assegnate</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Componenti</translation>
    </message>
    <message>
        <source>New member&apos;s name</source>
        <translation>Nome del nuovo componente</translation>
    </message>
    <message>
        <source>New member&apos;s role</source>
        <translation>Ruolo del nuovo componente</translation>
    </message>
    <message>
        <source>New member&apos;s e-mail</source>
        <translation>E-mail del nuovo componente</translation>
    </message>
    <message>
        <source>Add &amp;Member</source>
        <translation>Aggiungi co&amp;mponente</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Ruolo:</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>E-ma&amp;il:</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Tax code</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Legame</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Links of the selected member</source>
        <translation>Legami del componente selezionato</translation>
    </message>
    <message>
        <source>Linked entity&apos;s name</source>
        <translation>Nome dell&apos;ente collegato</translation>
    </message>
    <message>
        <source>Linked entity&apos;s tax code</source>
        <translation>Codice fiscale dell&apos;ente collegato</translation>
    </message>
    <message>
        <source>Kind of link</source>
        <translation>Tipo di legame</translation>
    </message>
    <message>
        <source>Note on the link</source>
        <translation>Nota sul legame</translation>
    </message>
    <message>
        <source>Add &amp;Link</source>
        <translation>Aggiungi &amp;legame</translation>
    </message>
    <message>
        <source>&amp;Entity:</source>
        <translation>&amp;Ente:</translation>
    </message>
    <message>
        <source>&amp;Tax code:</source>
        <translation>&amp;Codice fiscale:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;ota:</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Legami</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Ultimo risultato</translation>
    </message>
    <message>
        <source>Links of {name}</source>
        <translation>Legami di {name}</translation>
    </message>
    <message>
        <source>{name} added.</source>
        <translation>Componente aggiunto: {name}.</translation>
    </message>
    <message>
        <source>Link added to {name}: run Detect in the conflicts list.</source>
        <translation>Legame aggiunto a {name}: esegui Rileva nell&apos;elenco dei conflitti.</translation>
    </message>
</context>
<context>
    <name>GenerateDialog</name>
    <message>
        <source>Generate Letters</source>
        <translation>Genera le lettere</translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation>Tutte le sessioni</translation>
    </message>
    <message>
        <source>Session {code}</source>
        <translation>Sessione {code}</translation>
    </message>
    <message>
        <source>The letter each application&apos;s state calls for</source>
        <translation>La lettera che lo stato di ogni domanda richiede</translation>
    </message>
    <message>
        <source>PDF/A (to sign and keep)</source>
        <translation>PDF/A (da firmare e conservare)</translation>
    </message>
    <message>
        <source>Word (DOCX, to finish in the protocol system)</source>
        <translation>Word (DOCX, da completare nel sistema di protocollo)</translation>
    </message>
    <message>
        <source>Both PDF/A and Word</source>
        <translation>Sia PDF/A sia Word</translation>
    </message>
    <message>
        <source>Folder for the files of the batch</source>
        <translation>Cartella per i file del lotto</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Sf&amp;oglia…</translation>
    </message>
    <message>
        <source>&amp;Session:</source>
        <translation>&amp;Sessione:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Formato:</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>Ca&amp;rtella:</translation>
    </message>
    <message>
        <source>Every letter is written as a draft (one file each, a merged PDF to print and an index for the protocol office). Letters already approved, protocolled or sent are not written again.</source>
        <translation>Ogni lettera è scritta come bozza (un file per lettera, un PDF unico da stampare e un indice per l&apos;ufficio protocollo). Le lettere già approvate, protocollate o inviate non vengono riscritte.</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Genera</translation>
    </message>
    <message>
        <source>Folder for the Letters</source>
        <translation>Cartella per le lettere</translation>
    </message>
</context>
<context>
    <name>ImportColumnsPage</name>
    <message>
        <source>Check the columns</source>
        <translation>Verifica le colonne</translation>
    </message>
    <message>
        <source>Each column of the file and the column it fills in Commissione. Change any that is wrong; columns set to “(ignore)” are not imported.</source>
        <translation>Ogni colonna del file e la colonna che compila in Commissione. Correggi quelle sbagliate; le colonne impostate su “(ignora)” non vengono importate.</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Colonna nel file</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>Importata come</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Come</translation>
    </message>
    <message>
        <source>Columns of the file</source>
        <translation>Colonne del file</translation>
    </message>
    <message>
        <source>&amp;Load a mapping file…</source>
        <translation>&amp;Carica un file di mappatura…</translation>
    </message>
    <message>
        <source>Load a mapping file</source>
        <translation>Carica un file di mappatura</translation>
    </message>
    <message>
        <source>A TOML file with a [colonne] table: &quot;header in the file&quot; = &quot;column&quot;.</source>
        <translation>Un file TOML con una tabella [colonne]: &quot;intestazione nel file&quot; = &quot;colonna&quot;.</translation>
    </message>
    <message>
        <source>&amp;Undo my changes</source>
        <translation>Ann&amp;ulla le mie modifiche</translation>
    </message>
    <message>
        <source>Undo my changes to the columns</source>
        <translation>Annulla le mie modifiche alle colonne</translation>
    </message>
    <message>
        <source>First rows of the file</source>
        <translation>Prime righe del file</translation>
    </message>
    <message>
        <source>File “{file}”, sheet “{sheet}”, {rows} rows.</source>
        <translation>File “{file}”, foglio “{sheet}”, {rows} righe.</translation>
    </message>
    <message>
        <source>The partners in the sheet “{sheet}” are read too.</source>
        <translation>Vengono letti anche i partner del foglio “{sheet}”.</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(ignora)</translation>
    </message>
    <message>
        <source>{column} (required)</source>
        <translation>{column} (obbligatoria)</translation>
    </message>
    <message>
        <source>Column for “{header}”</source>
        <translation>Colonna per “{header}”</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Preview: the first %n row(s) as they will be read</source>
        <translation>
            <numerusform>&amp;Anteprima: %n riga come verrà letta</numerusform>
            <numerusform>&amp;Anteprima: le prime %n righe come verranno lette</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a mapping file</source>
        <translation>Scegli un file di mappatura</translation>
    </message>
    <message>
        <source>Mapping files</source>
        <translation>File di mappatura</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>Tutti i file</translation>
    </message>
    <message>
        <source>This mapping file cannot be used: {problem}</source>
        <translation>Questo file di mappatura non si può usare: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>Mapping file “{file}” applied to %n column(s).</source>
        <translation>
            <numerusform>File di mappatura “{file}” applicato a %n colonna.</numerusform>
            <numerusform>File di mappatura “{file}” applicato a %n colonne.</numerusform>
        </translation>
    </message>
    <message>
        <source>The mapping file “{file}” names none of this file&apos;s columns.</source>
        <translation>Il file di mappatura “{file}” non cita nessuna colonna di questo file.</translation>
    </message>
    <message>
        <source>Missing required columns: {columns}. Choose, for each, the column of the file that holds it; the import cannot start without them.</source>
        <translation>Mancano colonne obbligatorie: {columns}. Per ciascuna, scegli la colonna del file che la contiene; senza di esse l&apos;importazione non può iniziare.</translation>
    </message>
    <message>
        <source>recognised: same name</source>
        <translation>riconosciuta: stesso nome</translation>
    </message>
    <message>
        <source>recognised: known synonym</source>
        <translation>riconosciuta: sinonimo noto</translation>
    </message>
    <message>
        <source>chosen by you</source>
        <translation>scelta da te</translation>
    </message>
    <message>
        <source>ignored: “{header}” now fills {column}</source>
        <translation>ignorata: ora {column} viene da “{header}”</translation>
    </message>
    <message>
        <source>ignored by you (recognised as {column})</source>
        <translation>ignorata da te (riconosciuta come {column})</translation>
    </message>
    <message>
        <source>ignored: {column} already comes from “{header}”</source>
        <translation>ignorata: {column} viene già da “{header}”</translation>
    </message>
    <message>
        <source>ignored: not a known column</source>
        <translation>ignorata: colonna non riconosciuta</translation>
    </message>
    <message>
        <source>(ignored)</source>
        <translation>(ignorata)</translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>Scegli il file</translation>
    </message>
    <message>
        <source>The applications to import into “{call}”: a CSV, TSV, XLSX or ODS file exported from the portal, or the template filled in.</source>
        <translation>Le domande da importare in “{call}”: un file CSV, TSV, XLSX o ODS esportato dal portale, oppure il modello compilato.</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>File da importare</translation>
    </message>
    <message>
        <source>Type the path or choose Browse…</source>
        <translation>Scrivi il percorso o scegli Sfoglia…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Sf&amp;oglia…</translation>
    </message>
    <message>
        <source>Browse for the file to import</source>
        <translation>Cerca il file da importare</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>Lettura del file</translation>
    </message>
    <message>
        <source>Choose the applications file</source>
        <translation>Scegli il file delle domande</translation>
    </message>
    <message>
        <source>Spreadsheets (CSV, TSV, XLSX, ODS)</source>
        <translation>Fogli di calcolo (CSV, TSV, XLSX, ODS)</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>Tutti i file</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Lettura del file…</translation>
    </message>
    <message>
        <source>Sheet “{sheet}”: {columns} columns, {rows} rows.</source>
        <translation>Foglio “{sheet}”: {columns} colonne, {rows} righe.</translation>
    </message>
    <message>
        <source>The file cannot be opened ({reason}). Check that it exists and that it is not open in another program.</source>
        <translation>Impossibile aprire il file ({reason}). Controlla che esista e che non sia aperto in un altro programma.</translation>
    </message>
    <message>
        <source>The file could not be read because of an unexpected error.</source>
        <translation>Non è stato possibile leggere il file a causa di un errore imprevisto.</translation>
    </message>
</context>
<context>
    <name>ImportProgressPage</name>
    <message>
        <source>Import</source>
        <translation>Importazione</translation>
    </message>
    <message>
        <source>The applications are saved all together at the end: if you cancel, nothing is imported.</source>
        <translation>Le domande vengono salvate tutte insieme alla fine: se annulli, non viene importato nulla.</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Avanzamento dell&apos;importazione</translation>
    </message>
    <message>
        <source>&amp;Cancel the import</source>
        <translation>&amp;Annulla l&apos;importazione</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>Annulla l&apos;importazione</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Riprova</translation>
    </message>
    <message>
        <source>Try the import again</source>
        <translation>Riprova l&apos;importazione</translation>
    </message>
    <message>
        <source>Importing “{file}” into “{call}”…</source>
        <translation>Importazione di “{file}” in “{call}”…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Avvio…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annullamento…</translation>
    </message>
    <message>
        <source>{done} of {total} rows read</source>
        <translation>{done} di {total} righe lette</translation>
    </message>
    <message>
        <source>{done} rows read</source>
        <translation>{done} righe lette</translation>
    </message>
    <message>
        <source>{rows} rows read.</source>
        <translation>{rows} righe lette.</translation>
    </message>
    <message>
        <source>The import of “{file}” stopped.</source>
        <translation>L&apos;importazione di “{file}” si è interrotta.</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported. The database is as it was before.</source>
        <translation>Importazione annullata: non è stato importato nulla. Il database è com&apos;era prima.</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Non è stato importato nulla.</translation>
    </message>
    <message>
        <source>The database is busy: someone else is saving to it. Nothing was imported. Wait a moment and choose Try again.</source>
        <translation>Il database è occupato: qualcun altro sta salvando dei dati. Non è stato importato nulla. Attendi un momento e scegli Riprova.</translation>
    </message>
    <message>
        <source>The database cannot be reached (network or server down). Nothing was imported. Check the connection and choose Try again.</source>
        <translation>Il database non è raggiungibile (rete o server non disponibili). Non è stato importato nulla. Controlla la connessione e scegli Riprova.</translation>
    </message>
    <message>
        <source>The file cannot be read ({reason}). Nothing was imported.</source>
        <translation>Impossibile leggere il file ({reason}). Non è stato importato nulla.</translation>
    </message>
    <message>
        <source>The import stopped because of an unexpected error: nothing was imported.</source>
        <translation>L&apos;importazione si è interrotta per un errore imprevisto: non è stato importato nulla.</translation>
    </message>
</context>
<context>
    <name>ImportSummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>Riepilogo</translation>
    </message>
    <message>
        <source>New applications:</source>
        <translation>Domande nuove:</translation>
    </message>
    <message>
        <source>Updated applications:</source>
        <translation>Domande aggiornate:</translation>
    </message>
    <message>
        <source>Unchanged applications:</source>
        <translation>Domande invariate:</translation>
    </message>
    <message>
        <source>Rejected rows:</source>
        <translation>Righe scartate:</translation>
    </message>
    <message>
        <source>Rejected rows and their reasons</source>
        <translation>Righe scartate e relativi motivi</translation>
    </message>
    <message>
        <source>&amp;Open report</source>
        <translation>&amp;Apri il rapporto</translation>
    </message>
    <message>
        <source>Open the report of rejected rows</source>
        <translation>Apri il rapporto delle righe scartate</translation>
    </message>
    <message>
        <source>&amp;Save report as…</source>
        <translation>&amp;Salva il rapporto con nome…</translation>
    </message>
    <message>
        <source>Save a copy of the report</source>
        <translation>Salva una copia del rapporto</translation>
    </message>
    <message>
        <source>The import of “{file}” is finished: {rows} rows read.</source>
        <translation>L&apos;importazione di “{file}” è terminata: {rows} righe lette.</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Foglio</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Riga</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonna</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>These rows were not imported. Correct them in the file and import it again: the applications already imported are recognised and kept.</source>
        <translation>Queste righe non sono state importate. Correggile nel file e importalo di nuovo: le domande già importate vengono riconosciute e mantenute.</translation>
    </message>
    <message>
        <source>Every row was imported.</source>
        <translation>Tutte le righe sono state importate.</translation>
    </message>
    <message>
        <source>Ignored columns: {columns}</source>
        <translation>Colonne ignorate: {columns}</translation>
    </message>
    <message>
        <source>Ignored columns: none.</source>
        <translation>Colonne ignorate: nessuna.</translation>
    </message>
    <message>
        <source>Report of the rejected rows: {path}</source>
        <translation>Rapporto delle righe scartate: {path}</translation>
    </message>
    <message>
        <source>No report was written: no row was rejected.</source>
        <translation>Nessun rapporto creato: nessuna riga è stata scartata.</translation>
    </message>
    <message>
        <source>No program to open XLSX files was found. Use Save report as… and open the copy with a spreadsheet program.</source>
        <translation>Non è stato trovato alcun programma per aprire i file XLSX. Usa Salva il rapporto con nome… e apri la copia con un programma per fogli di calcolo.</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Salva il rapporto con nome</translation>
    </message>
    <message>
        <source>Excel workbooks</source>
        <translation>Cartelle di lavoro Excel</translation>
    </message>
    <message>
        <source>Report saved as {path}</source>
        <translation>Rapporto salvato come {path}</translation>
    </message>
    <message>
        <source>The report could not be saved as {path} ({reason}). Choose another folder.</source>
        <translation>Impossibile salvare il rapporto come {path} ({reason}). Scegli un&apos;altra cartella.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import applications</source>
        <translation>Importa domande</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importa</translation>
    </message>
</context>
<context>
    <name>KioskView</name>
    <message>
        <source>Commissione — Kiosk</source>
        <translation>Commissione — Chiosco</translation>
    </message>
    <message>
        <source>No sitting is open</source>
        <translation>Nessuna seduta aperta</translation>
    </message>
    <message>
        <source>Now: {code}</source>
        <translation>Ora: {code}</translation>
    </message>
    <message>
        <source>Next: {code}</source>
        <translation>Poi: {code}</translation>
    </message>
    <message>
        <source>➡ Please come back in: {names}</source>
        <translation>➡ Rientrino in aula: {names}</translation>
    </message>
</context>
<context>
    <name>KitConflictsDialog</name>
    <message>
        <source>Kit Return: Sheets Changed on Both Sides</source>
        <translation>File di ritorno: schede modificate da entrambe le parti</translation>
    </message>
    <message>
        <source>{count} sheets of this return need a choice: changed here too after the kit was issued, or no longer applicable here. Nothing has been applied yet. For each sheet, choose which version to keep; the other one is discarded (the audit log records the choice).</source>
        <translation>Schede di questo file di ritorno che richiedono una scelta: {count}. Sono state modificate anche qui dopo l&apos;emissione del kit, oppure qui non sono più applicabili. Non è stato ancora applicato nulla. Per ogni scheda, scegli quale versione mantenere; l&apos;altra viene scartata (il registro delle operazioni annota la scelta).</translation>
    </message>
    <message>
        <source>Evaluator: {name}.</source>
        <translation>Valutatore: {name}.</translation>
    </message>
    <message>
        <source>Keep &amp;all central</source>
        <translation>Mantieni &amp;tutte le versioni centrali</translation>
    </message>
    <message>
        <source>Take all &amp;returned</source>
        <translation>Prendi tutte le versioni del &amp;ritorno</translation>
    </message>
    <message>
        <source>Sheets in conflict</source>
        <translation>Schede in conflitto</translation>
    </message>
    <message>
        <source>Choices still to make</source>
        <translation>Scelte ancora da fare</translation>
    </message>
    <message>
        <source>Apply the Return</source>
        <translation>Applica il file di ritorno</translation>
    </message>
    <message>
        <source>{code} — {title}</source>
        <translation>{code} — {title}</translation>
    </message>
    <message>
        <source>Sheet for {code}</source>
        <translation>Scheda per {code}</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterio</translation>
    </message>
    <message>
        <source>Central score</source>
        <translation>Punteggio centrale</translation>
    </message>
    <message>
        <source>Central comment</source>
        <translation>Commento centrale</translation>
    </message>
    <message>
        <source>Returned score</source>
        <translation>Punteggio del ritorno</translation>
    </message>
    <message>
        <source>Returned comment</source>
        <translation>Commento del ritorno</translation>
    </message>
    <message>
        <source>Central and returned scores for {code}</source>
        <translation>Punteggi centrali e del ritorno per {code}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <source>Motivation</source>
        <translation>Motivazione</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Keep the &amp;central sheet</source>
        <translation>Mantieni la scheda &amp;centrale</translation>
    </message>
    <message>
        <source>Take the re&amp;turned sheet</source>
        <translation>Prendi la scheda del ritor&amp;no</translation>
    </message>
    <message>
        <source>Keep the central sheet for {code}</source>
        <translation>Mantieni la scheda centrale per {code}</translation>
    </message>
    <message>
        <source>Take the returned sheet for {code}</source>
        <translation>Prendi la scheda del ritorno per {code}</translation>
    </message>
    <message>
        <source>{code} — cannot be applied here</source>
        <translation>{code} — non applicabile qui</translation>
    </message>
    <message>
        <source>Keep the &amp;central side (discard the returned sheet)</source>
        <translation>Mantieni la versione &amp;centrale (scarta la scheda del ritorno)</translation>
    </message>
    <message>
        <source>{who}, {when}</source>
        <translation>{who}, {when}</translation>
    </message>
    <message>
        <source>{n} sheets still need a choice.</source>
        <translation>Schede che richiedono ancora una scelta: {n}.</translation>
    </message>
    <message>
        <source>Every sheet has a choice.</source>
        <translation>Tutte le schede hanno una scelta.</translation>
    </message>
</context>
<context>
    <name>LettersActions</name>
    <message>
        <source>&amp;Letters</source>
        <translation>&amp;Lettere</translation>
    </message>
    <message>
        <source>&amp;Generate Letters…</source>
        <translation>&amp;Genera lettere…</translation>
    </message>
    <message>
        <source>&amp;Import Protocols from CSV…</source>
        <translation>&amp;Importa protocolli da CSV…</translation>
    </message>
    <message>
        <source>PEC &amp;Mailbox…</source>
        <translation>&amp;Casella PEC…</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>Lettere</translation>
    </message>
</context>
<context>
    <name>LettersModel</name>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Addressee</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <source>PEC</source>
        <translation>PEC</translation>
    </message>
    <message>
        <source>Protocol no. / date</source>
        <translation>Protocollo n. / data</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Generata il</translation>
    </message>
    <message>
        <source>Not delivered because</source>
        <translation>Mancata consegna</translation>
    </message>
</context>
<context>
    <name>LettersView</name>
    <message>
        <source>Session</source>
        <translation>Sessione</translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation>Tutte le sessioni</translation>
    </message>
    <message>
        <source>Session {code}</source>
        <translation>Sessione {code}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Tutti i tipi</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Tutti gli stati</translation>
    </message>
    <message>
        <source>Loading the letters…</source>
        <translation>Caricamento delle lettere…</translation>
    </message>
    <message>
        <source>Letters per state</source>
        <translation>Lettere per stato</translation>
    </message>
    <message>
        <source>&amp;Session:</source>
        <translation>&amp;Sessione:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>Stat&amp;o:</translation>
    </message>
    <message>
        <source>&amp;Generate Letters…</source>
        <translation>&amp;Genera lettere…</translation>
    </message>
    <message>
        <source>Write the letters of a session as drafts, with the files of the batch</source>
        <translation>Scrive le lettere di una sessione come bozze, con i file del lotto</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Approva</translation>
    </message>
    <message>
        <source>The responsible officer approves the letter as written (only a draft)</source>
        <translation>Il responsabile approva la lettera così com&apos;è scritta (solo una bozza)</translation>
    </message>
    <message>
        <source>&amp;Withdraw Approval…</source>
        <translation>Ritira l&apos;appro&amp;vazione…</translation>
    </message>
    <message>
        <source>Take back an approval, with the reason: the letter is a draft again</source>
        <translation>Ritira un&apos;approvazione, con il motivo: la lettera torna bozza</translation>
    </message>
    <message>
        <source>Record &amp;Protocol…</source>
        <translation>Registra &amp;protocollo…</translation>
    </message>
    <message>
        <source>The protocol number and date, stamped on the letter (once approved)</source>
        <translation>Numero e data di protocollo, stampati sulla lettera (dopo l&apos;approvazione)</translation>
    </message>
    <message>
        <source>&amp;Import Protocols from CSV…</source>
        <translation>&amp;Importa protocolli da CSV…</translation>
    </message>
    <message>
        <source>The protocol office&apos;s list: codice, tipo, numero_protocollo, data_protocollo</source>
        <translation>L&apos;elenco dell&apos;ufficio protocollo: codice, tipo, numero_protocollo, data_protocollo</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>Sta&amp;mpa…</translation>
    </message>
    <message>
        <source>Print the letter as stored (Ctrl+P)</source>
        <translation>Stampa la lettera così come è conservata (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Open the File</source>
        <translation>Apri il &amp;file</translation>
    </message>
    <message>
        <source>Open the letter&apos;s PDF with the system&apos;s viewer</source>
        <translation>Apre il PDF della lettera con il visualizzatore del sistema</translation>
    </message>
    <message>
        <source>Send by P&amp;EC…</source>
        <translation>Invia via P&amp;EC…</translation>
    </message>
    <message>
        <source>Send the protocolled letters shown (or not delivered before) by PEC, one message each with its PDF, never twice</source>
        <translation>Invia via PEC le lettere protocollate mostrate (o non consegnate prima), un messaggio per lettera con il suo PDF, mai due volte</translation>
    </message>
    <message>
        <source>Read Re&amp;ceipts…</source>
        <translation>Leggi &amp;ricevute…</translation>
    </message>
    <message>
        <source>Record the PEC provider&apos;s receipts (.eml files; you can also drop them on this tab)</source>
        <translation>Registra le ricevute del gestore PEC (file .eml; si possono anche trascinare su questa scheda)</translation>
    </message>
    <message>
        <source>Read Receipts from the &amp;Mailbox</source>
        <translation>&amp;Leggi ricevute dalla casella</translation>
    </message>
    <message>
        <source>Read the PEC provider&apos;s receipts in the mailbox&apos;s inbox over IMAP (read-only: nothing is marked or deleted); set the IMAP server in Letters › PEC Mailbox…</source>
        <translation>Legge le ricevute del gestore PEC nella posta in arrivo della casella via IMAP (in sola lettura: nulla viene segnato o cancellato); il server IMAP si imposta in Lettere › Casella PEC…</translation>
    </message>
    <message>
        <source>Generating the letters…</source>
        <translation>Generazione delle lettere…</translation>
    </message>
    <message>
        <source>Letters generated</source>
        <translation>Lettere generate</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Open the &amp;Folder</source>
        <translation>Apri la &amp;cartella</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>Lettere</translation>
    </message>
    <message>
        <source>The letter&apos;s page</source>
        <translation>La pagina della lettera</translation>
    </message>
    <message>
        <source>Select a letter to see its page.</source>
        <translation>Selezionare una lettera per vederne la pagina.</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Pagina precedente</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Pagina successiva</translation>
    </message>
    <message>
        <source>The letter&apos;s history</source>
        <translation>La cronologia della lettera</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Chi</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Che cosa</translation>
    </message>
    <message>
        <source>State after</source>
        <translation>Stato dopo</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <source>The letters could not be loaded.</source>
        <translation>Non è stato possibile caricare le lettere.</translation>
    </message>
    <message>
        <source>No letters yet: Generate Letters… writes them as drafts.</source>
        <translation>Ancora nessuna lettera: Genera lettere… le scrive come bozze.</translation>
    </message>
    <message>
        <source>{count} letters</source>
        <translation>{count} lettere</translation>
    </message>
    <message>
        <source>Rendering the page…</source>
        <translation>Preparazione della pagina…</translation>
    </message>
    <message>
        <source>The letter&apos;s page could not be shown.</source>
        <translation>Non è stato possibile mostrare la pagina della lettera.</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Pagina {page} di {pages}</translation>
    </message>
    <message>
        <source>generated</source>
        <translation>generata</translation>
    </message>
    <message>
        <source>generated again</source>
        <translation>generata di nuovo</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>approvata</translation>
    </message>
    <message>
        <source>approval withdrawn</source>
        <translation>approvazione ritirata</translation>
    </message>
    <message>
        <source>protocol recorded</source>
        <translation>protocollo registrato</translation>
    </message>
    <message>
        <source>sent by PEC</source>
        <translation>inviata via PEC</translation>
    </message>
    <message>
        <source>sending started</source>
        <translation>invio iniziato</translation>
    </message>
    <message>
        <source>sending failed</source>
        <translation>invio non riuscito</translation>
    </message>
    <message>
        <source>sending outcome unknown</source>
        <translation>esito dell&apos;invio incerto</translation>
    </message>
    <message>
        <source>accepted by the PEC provider</source>
        <translation>accettata dal gestore PEC</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>consegnata</translation>
    </message>
    <message>
        <source>not delivered</source>
        <translation>non consegnata</translation>
    </message>
    <message>
        <source>Approve the Letter</source>
        <translation>Approva la lettera</translation>
    </message>
    <message>
        <source>Approve the letter “{kind}” to {code}?

Approving means the responsible officer has read it and it may be registered in the protocol and sent as it is: its data are frozen, and generating the letters again no longer rewrites it. Your name and the time are recorded in its history and in the audit log.</source>
        <translation>Approvare la lettera «{kind}» per {code}?

Approvare significa che il responsabile del procedimento l&apos;ha letta e che può essere protocollata e inviata così com&apos;è: i suoi dati restano fissati e generare di nuovo le lettere non la riscrive più. Il suo nome e l&apos;ora restano nella cronologia della lettera e nel registro delle modifiche.</translation>
    </message>
    <message>
        <source>Letter “{kind}” to {code} approved.</source>
        <translation>Lettera «{kind}» per {code} approvata.</translation>
    </message>
    <message>
        <source>The letter was not approved.</source>
        <translation>La lettera non è stata approvata.</translation>
    </message>
    <message>
        <source>Withdraw the Approval</source>
        <translation>Ritira l&apos;approvazione</translation>
    </message>
    <message>
        <source>Why is the approval of the letter “{kind}” to {code} withdrawn? It becomes a draft again, and the next generation writes it from the current data.</source>
        <translation>Perché si ritira l&apos;approvazione della lettera «{kind}» a {code}? Torna bozza, e la prossima generazione la riscrive dai dati attuali.</translation>
    </message>
    <message>
        <source>Approval of the letter “{kind}” to {code} withdrawn.</source>
        <translation>Approvazione della lettera «{kind}» a {code} ritirata.</translation>
    </message>
    <message>
        <source>The approval was not withdrawn.</source>
        <translation>L&apos;approvazione non è stata ritirata.</translation>
    </message>
    <message>
        <source>The protocol number and date of the letter “{kind}” to {code}.</source>
        <translation>Numero e data di protocollo della lettera «{kind}» per {code}.</translation>
    </message>
    <message>
        <source>Protocol {number} of {date} recorded for {code}.</source>
        <translation>Protocollo {number} del {date} registrato per {code}.</translation>
    </message>
    <message>
        <source>The protocol was not recorded.</source>
        <translation>Il protocollo non è stato registrato.</translation>
    </message>
    <message>
        <source>Protocol Numbers from the Protocol Office</source>
        <translation>Numeri di protocollo dall&apos;ufficio protocollo</translation>
    </message>
    <message>
        <source>CSV files</source>
        <translation>File CSV</translation>
    </message>
    <message>
        <source>Protocol recorded for {count} letters from {name}.</source>
        <translation>Protocollo registrato per {count} lettere da {name}.</translation>
    </message>
    <message>
        <source>{name} holds no protocol number yet: nothing recorded.</source>
        <translation>{name} non contiene ancora numeri di protocollo: niente registrato.</translation>
    </message>
    <message>
        <source>No protocol number was recorded.</source>
        <translation>Nessun numero di protocollo è stato registrato.</translation>
    </message>
    <message>
        <source>No letter was written.</source>
        <translation>Nessuna lettera è stata scritta.</translation>
    </message>
    <message>
        <source>Letter {done} of {total}…</source>
        <translation>Lettera {done} di {total}…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annullamento…</translation>
    </message>
    <message>
        <source>Generation cancelled: no letter and no file was written.</source>
        <translation>Generazione annullata: nessuna lettera e nessun file è stato scritto.</translation>
    </message>
    <message>
        <source>{count} letters written as drafts in {folder}.</source>
        <translation>{count} lettere scritte come bozze in {folder}.</translation>
    </message>
    <message>
        <source>To print them all: {name}; for the protocol office: {index}.</source>
        <translation>Per stamparle tutte: {name}; per l&apos;ufficio protocollo: {index}.</translation>
    </message>
    <message>
        <source>No letter written.</source>
        <translation>Nessuna lettera scritta.</translation>
    </message>
    <message>
        <source>Not written ({count}):</source>
        <translation>Non scritte ({count}):</translation>
    </message>
    <message>
        <source>  … and {count} more.</source>
        <translation>  … e altre {count}.</translation>
    </message>
    <message>
        <source>PEC Password</source>
        <translation>Password PEC</translation>
    </message>
    <message>
        <source>Password of the PEC mailbox {user} on {host} (kept in the system&apos;s keyring):</source>
        <translation>Password della casella PEC {user} su {host} (conservata nel portachiavi del sistema):</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>Non è stato inviato nulla.</translation>
    </message>
    <message>
        <source>No letter to send.</source>
        <translation>Nessuna lettera da inviare.</translation>
    </message>
    <message>
        <source>Send by PEC</source>
        <translation>Invia via PEC</translation>
    </message>
    <message>
        <source>Send {count} letters by PEC from {sender}?

Each goes once, as one message with its PDF attached, to the addressee&apos;s PEC address. The provider&apos;s receipts (acceptance, delivery) arrive in the mailbox: read them with Read Receipts… or drop the .eml files on this tab.</source>
        <translation>Inviare {count} lettere via PEC da {sender}?

Ognuna parte una sola volta, come un messaggio con il suo PDF allegato, all&apos;indirizzo PEC del destinatario. Le ricevute del gestore (accettazione, consegna) arrivano nella casella: leggerle con Leggi ricevute… o trascinare i file .eml su questa scheda.</translation>
    </message>
    <message>
        <source>Sending by PEC…</source>
        <translation>Invio via PEC…</translation>
    </message>
    <message>
        <source>Sent: {sent}; not sent: {failed}; outcome unknown: {uncertain}; skipped: {skipped}.</source>
        <translation>Inviate: {sent}; non inviate: {failed}; esito incerto: {uncertain}; saltate: {skipped}.</translation>
    </message>
    <message>
        <source>Cancelled: the letters not reached yet were not sent.</source>
        <translation>Annullato: le lettere non ancora raggiunte non sono state inviate.</translation>
    </message>
    <message>
        <source>PEC Receipts</source>
        <translation>Ricevute PEC</translation>
    </message>
    <message>
        <source>PEC receipts</source>
        <translation>Ricevute PEC</translation>
    </message>
    <message>
        <source>Reading the receipts…</source>
        <translation>Lettura delle ricevute…</translation>
    </message>
    <message>
        <source>No receipt was recorded.</source>
        <translation>Nessuna ricevuta è stata registrata.</translation>
    </message>
    <message>
        <source>Set &amp;Up the PEC Mailbox…</source>
        <translation>Impostazioni &amp;della casella PEC…</translation>
    </message>
    <message>
        <source>Reading the receipts in the PEC mailbox…</source>
        <translation>Lettura delle ricevute nella casella PEC…</translation>
    </message>
    <message>
        <source>Receipt {done} of {total}…</source>
        <translation>Ricevuta {done} di {total}…</translation>
    </message>
    <message>
        <source>Receipts recorded: {recorded}; already recorded: {already}; read, nothing to record: {noted}; not matched: {unmatched}; unreadable: {unreadable}.</source>
        <translation>Ricevute registrate: {recorded}; già registrate: {already}; lette, nulla da registrare: {noted}; non abbinate: {unmatched}; illeggibili: {unreadable}.</translation>
    </message>
    <message>
        <source>{count} more files were not read: read them in a second go.</source>
        <translation>Altri {count} file non sono stati letti: leggerli in un secondo momento.</translation>
    </message>
    <message>
        <source>Cancelled: the receipts not reached yet were not read.</source>
        <translation>Annullato: le ricevute non ancora raggiunte non sono state lette.</translation>
    </message>
    <message>
        <source>No program to show folders was found.</source>
        <translation>Non è stato trovato un programma per mostrare le cartelle.</translation>
    </message>
    <message>
        <source>Print the Letter</source>
        <translation>Stampa la lettera</translation>
    </message>
    <message>
        <source>Not printed.</source>
        <translation>Non stampata.</translation>
    </message>
    <message>
        <source>{name} sent to the printer.</source>
        <translation>{name} inviata alla stampante.</translation>
    </message>
    <message>
        <source>No program to open PDF files was found. Use Print… instead.</source>
        <translation>Non è stato trovato un programma per aprire i PDF. Usare Stampa….</translation>
    </message>
    <message>
        <source>The letter could not be opened.</source>
        <translation>Non è stato possibile aprire la lettera.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Applications</source>
        <translation>Domande</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Dati dimostrativi</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Viste</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Apertura del database…</translation>
    </message>
    <message>
        <source>The database is not open.</source>
        <translation>Il database non è aperto.</translation>
    </message>
    <message>
        <source>Search applications</source>
        <translation>Cerca domande</translation>
    </message>
    <message>
        <source>Code, title, lead partner, tax code or neighbourhood</source>
        <translation>Codice, titolo, capofila, codice fiscale o quartiere</translation>
    </message>
    <message>
        <source>Session filter</source>
        <translation>Filtro per sessione</translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation>Tutte le sessioni</translation>
    </message>
    <message>
        <source>Outside every session</source>
        <translation>Fuori sessione</translation>
    </message>
    <message>
        <source>District filter</source>
        <translation>Filtro per Municipio</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>Tutti i Municipi</translation>
    </message>
    <message>
        <source>Municipio {n}</source>
        <translation>Municipio {n}</translation>
    </message>
    <message>
        <source>District not given</source>
        <translation>Municipio non indicato</translation>
    </message>
    <message>
        <source>Eligibility filter</source>
        <translation>Filtro per ammissibilità</translation>
    </message>
    <message>
        <source>Any eligibility</source>
        <translation>Tutti gli esiti</translation>
    </message>
    <message>
        <source>Objective filter</source>
        <translation>Filtro per obiettivo</translation>
    </message>
    <message>
        <source>All objectives</source>
        <translation>Tutti gli obiettivi</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Cerca:</translation>
    </message>
    <message>
        <source>Sess&amp;ion:</source>
        <translation>&amp;Sessione:</translation>
    </message>
    <message>
        <source>&amp;District:</source>
        <translation>M&amp;unicipio:</translation>
    </message>
    <message>
        <source>E&amp;ligibility:</source>
        <translation>Ammissibi&amp;lità:</translation>
    </message>
    <message>
        <source>O&amp;bjective:</source>
        <translation>&amp;Obiettivo:</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importa…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Trova</translation>
    </message>
    <message>
        <source>&amp;Override Rule…</source>
        <translation>&amp;Deroga alla regola…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aggiorna</translation>
    </message>
    <message>
        <source>Close &amp;View</source>
        <translation>Chiudi &amp;vista</translation>
    </message>
    <message>
        <source>Detail &amp;Beside the List</source>
        <translation>&amp;Dettaglio accanto all&apos;elenco</translation>
    </message>
    <message>
        <source>&amp;Clear Search and Filters</source>
        <translation>A&amp;zzera ricerca e filtri</translation>
    </message>
    <message>
        <source>Re-&amp;check Eligibility</source>
        <translation>&amp;Ricontrolla l&apos;ammissibilità</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Impostazioni…</translation>
    </message>
    <message>
        <source>&amp;About Commissione</source>
        <translation>&amp;Informazioni su Commissione</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Modifica</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>S&amp;trumenti</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra degli strumenti principale</translation>
    </message>
    <message>
        <source>Applications shown</source>
        <translation>Domande visualizzate</translation>
    </message>
    <message>
        <source>Invented applications in a temporary copy: nothing done here reaches your own database.</source>
        <translation>Domande inventate in una copia temporanea: nulla di ciò che fai qui arriva al tuo database.</translation>
    </message>
    <message>
        <source>{shown} of {total} applications</source>
        <translation>{shown} di {total} domande</translation>
    </message>
    <message>
        <source>A change asked for in a view since closed was not saved.</source>
        <translation>Una modifica chiesta in una vista poi chiusa non è stata salvata.</translation>
    </message>
    <message>
        <source>Loading applications…</source>
        <translation>Caricamento delle domande…</translation>
    </message>
    <message>
        <source>The applications could not be loaded.</source>
        <translation>Impossibile caricare le domande.</translation>
    </message>
    <message>
        <source>This application is no longer in the database: press F5 to refresh the list.</source>
        <translation>Questa domanda non è più nel database: premi F5 per aggiornare l&apos;elenco.</translation>
    </message>
    <message>
        <source>The application could not be loaded.</source>
        <translation>Impossibile caricare la domanda.</translation>
    </message>
    <message>
        <source>Choose a rule in the Eligibility tab, then Override.</source>
        <translation>Scegli una regola nella scheda Ammissibilità, poi Deroga.</translation>
    </message>
    <message>
        <source>The override was not recorded.</source>
        <translation>La deroga non è stata registrata.</translation>
    </message>
    <message>
        <source>Override recorded for {code}.</source>
        <translation>Deroga registrata per {code}.</translation>
    </message>
    <message>
        <source>Eligibility was not re-checked.</source>
        <translation>L&apos;ammissibilità non è stata ricontrollata.</translation>
    </message>
    <message>
        <source>Re-checking eligibility…</source>
        <translation>Ricontrollo dell&apos;ammissibilità…</translation>
    </message>
    <message>
        <source>Re-checking eligibility: {done} of {total}…</source>
        <translation>Ricontrollo dell&apos;ammissibilità: {done} di {total}…</translation>
    </message>
    <message>
        <source>Eligibility re-checked: {n} applications.</source>
        <translation>Ammissibilità ricontrollata: {n} domande.</translation>
    </message>
    <message>
        <source>Preferences saved: they take effect when Commissione restarts.</source>
        <translation>Impostazioni salvate: avranno effetto al riavvio di Commissione.</translation>
    </message>
    <message>
        <source>About Commissione</source>
        <translation>Informazioni su Commissione</translation>
    </message>
    <message>
        <source>Commissione {version}

Review of the applications to a civic crowdfunding call.

Call: {call}
Database: {database}</source>
        <translation>Commissione {version}

Valutazione delle domande presentate a un bando di crowdfunding civico.

Bando: {call}
Database: {database}</translation>
    </message>
</context>
<context>
    <name>MeetingActions</name>
    <message>
        <source>Meeting &amp;Console</source>
        <translation>&amp;Console della seduta</translation>
    </message>
    <message>
        <source>&amp;Room View</source>
        <translation>Vista per la &amp;sala</translation>
    </message>
    <message>
        <source>&amp;Kiosk</source>
        <translation>&amp;Chiosco</translation>
    </message>
    <message>
        <source>&amp;Minutes…</source>
        <translation>&amp;Verbale…</translation>
    </message>
    <message>
        <source>Generate &amp;Letters…</source>
        <translation>Genera &amp;lettere…</translation>
    </message>
    <message>
        <source>&amp;Meeting</source>
        <translation>Sed&amp;uta</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Seduta</translation>
    </message>
</context>
<context>
    <name>MeetingConsole</name>
    <message>
        <source>Loading the sitting…</source>
        <translation>Caricamento della seduta…</translation>
    </message>
    <message>
        <source>Open a Sitting</source>
        <translation>Apri una seduta</translation>
    </message>
    <message>
        <source>Session {code}</source>
        <translation>Sessione {code}</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>gg/mm/aaaa</translation>
    </message>
    <message>
        <source>Room, address or video call</source>
        <translation>Sala, indirizzo o videoconferenza</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Componente</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Presenze</translation>
    </message>
    <message>
        <source>&amp;Open the Sitting</source>
        <translation>&amp;Apri la seduta</translation>
    </message>
    <message>
        <source>&amp;Session:</source>
        <translation>&amp;Sessione:</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Data:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>&amp;Luogo:</translation>
    </message>
    <message>
        <source>&amp;Attendance:</source>
        <translation>P&amp;resenze:</translation>
    </message>
    <message>
        <source>Sittings of the Call</source>
        <translation>Sedute del bando</translation>
    </message>
    <message>
        <source>Sittings of the call</source>
        <translation>Sedute del bando</translation>
    </message>
    <message>
        <source>The minutes of the selected sitting: a draft while it is open, final once closed</source>
        <translation>Il verbale della seduta selezionata: bozza finché è aperta, definitivo una volta chiusa</translation>
    </message>
    <message>
        <source>Space marks the selected member present or absent (arrived late, left)</source>
        <translation>La barra spaziatrice segna il componente selezionato presente o assente (arrivato in ritardo, uscito)</translation>
    </message>
    <message>
        <source>&amp;Present or Absent:</source>
        <translation>Pre&amp;senti o assenti:</translation>
    </message>
    <message>
        <source>codes, separated by commas</source>
        <translation>codici, separati da virgole</translation>
    </message>
    <message>
        <source>reason of the conflict</source>
        <translation>motivo del conflitto</translation>
    </message>
    <message>
        <source>No &amp;Conflict</source>
        <translation>Nessun &amp;conflitto</translation>
    </message>
    <message>
        <source>Declare Con&amp;flict</source>
        <translation>Dichiara con&amp;flitto</translation>
    </message>
    <message>
        <source>Declarations</source>
        <translation>Dichiarazioni</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>Co&amp;mponente:</translation>
    </message>
    <message>
        <source>Cod&amp;es:</source>
        <translation>Co&amp;dici:</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>Moti&amp;vo:</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Ordine del giorno</translation>
    </message>
    <message>
        <source>Op&amp;timise the Order</source>
        <translation>O&amp;ttimizza l&apos;ordine</translation>
    </message>
    <message>
        <source>Group the items so that fewer members have to leave and come back</source>
        <translation>Raggruppa i punti perché meno componenti debbano uscire e rientrare</translation>
    </message>
    <message>
        <source>Appl&amp;y the Proposed Order</source>
        <translation>Applica l&apos;ordine &amp;proposto</translation>
    </message>
    <message>
        <source>A&amp;genda:</source>
        <translation>Ordine del &amp;giorno:</translation>
    </message>
    <message>
        <source>Start the Selected Item (F6)</source>
        <translation>Avvia il punto selezionato (F6)</translation>
    </message>
    <message>
        <source>Previous Item (Shift+F8)</source>
        <translation>Punto precedente (Maiusc+F8)</translation>
    </message>
    <message>
        <source>Next Item (F8)</source>
        <translation>Punto successivo (F8)</translation>
    </message>
    <message>
        <source>Start/Pause the Timer (F9)</source>
        <translation>Avvia/ferma il cronometro (F9)</translation>
    </message>
    <message>
        <source>Confirmed: They Have Left (F7)</source>
        <translation>Confermo: sono usciti (F7)</translation>
    </message>
    <message>
        <source>Summary of the discussion, for the minutes</source>
        <translation>Sintesi della discussione, per il verbale</translation>
    </message>
    <message>
        <source>Reasons (required)</source>
        <translation>Motivazione (obbligatoria)</translation>
    </message>
    <message>
        <source>&amp;Unanimous</source>
        <translation>All&apos;&amp;unanimità</translation>
    </message>
    <message>
        <source>In fa&amp;vour:</source>
        <translation>Favorevol&amp;i:</translation>
    </message>
    <message>
        <source>Agai&amp;nst:</source>
        <translation>C&amp;ontrari:</translation>
    </message>
    <message>
        <source>A&amp;bstained:</source>
        <translation>Aste&amp;nuti:</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisione</translation>
    </message>
    <message>
        <source>Notes of the discussion:</source>
        <translation>Note della discussione:</translation>
    </message>
    <message>
        <source>M&amp;inutes…</source>
        <translation>Ver&amp;bale…</translation>
    </message>
    <message>
        <source>Move Up (Alt+Up)</source>
        <translation>Sposta su (Alt+Su)</translation>
    </message>
    <message>
        <source>Move Down (Alt+Down)</source>
        <translation>Sposta giù (Alt+Giù)</translation>
    </message>
    <message>
        <source>Save the Notes (Ctrl+S)</source>
        <translation>Salva le note (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Admitted</source>
        <translation>&amp;Ammessa</translation>
    </message>
    <message>
        <source>N&amp;ot admitted</source>
        <translation>Non amm&amp;essa</translation>
    </message>
    <message>
        <source>&amp;Deferred</source>
        <translation>&amp;Rinviata</translation>
    </message>
    <message>
        <source>Decide (Ctrl+D)</source>
        <translation>Decidi (Ctrl+D)</translation>
    </message>
    <message>
        <source>&amp;Reasons:</source>
        <translation>Motiva&amp;zione:</translation>
    </message>
    <message>
        <source>Close t&amp;he Sitting…</source>
        <translation>C&amp;hiudi la seduta…</translation>
    </message>
    <message>
        <source>Generate &amp;Letters…</source>
        <translation>Genera &amp;lettere…</translation>
    </message>
    <message>
        <source>Room View (Ctrl+Shift+R)</source>
        <translation>Vista per la sala (Ctrl+Maiusc+R)</translation>
    </message>
    <message>
        <source>Kiosk (Ctrl+Shift+K)</source>
        <translation>Chiosco (Ctrl+Maiusc+K)</translation>
    </message>
    <message>
        <source>No sitting is open. Open one: session, date, place and who is present.</source>
        <translation>Nessuna seduta aperta. Aprirne una: sessione, data, luogo e presenti.</translation>
    </message>
    <message>
        <source>present</source>
        <translation>presente</translation>
    </message>
    <message>
        <source>No. {number}, session {session}, {date}, {place}</source>
        <translation>N. {number}, sessione {session}, {date}, {place}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>aperta</translation>
    </message>
    <message>
        <source>closed {time}</source>
        <translation>chiusa {time}</translation>
    </message>
    <message>
        <source>{member} ({role}): {state}</source>
        <translation>{member} ({role}): {state}</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>assente</translation>
    </message>
    <message>
        <source>{member} is present from now.</source>
        <translation>{member} è presente da ora.</translation>
    </message>
    <message>
        <source>{member} has left the sitting.</source>
        <translation>{member} ha lasciato la seduta.</translation>
    </message>
    <message>
        <source>{voters} of {members} members may vote</source>
        <translation>Votano {voters} componenti su {members}</translation>
    </message>
    <message>
        <source>({n} out for a conflict of interest)</source>
        <translation>({n} fuori per conflitto di interessi)</translation>
    </message>
    <message>
        <source>quorum reached</source>
        <translation>quorum raggiunto</translation>
    </message>
    <message>
        <source>no quorum: {present} present of {members}, {missing} missing; record them present or defer the item</source>
        <translation>quorum non raggiunto: presenti {present} su {members}, ne mancano {missing}; registrarne la presenza o rinviare il punto</translation>
    </message>
    <message>
        <source>nobody may decide: every member present is out for a conflict</source>
        <translation>nessuno può decidere: tutti i presenti sono usciti per conflitto di interessi</translation>
    </message>
    <message>
        <source>Sitting no. {number} of session {session}, {date}, {place}.</source>
        <translation>Seduta n. {number} della sessione {session}, {date}, {place}.</translation>
    </message>
    <message>
        <source>Present: {names}.</source>
        <translation>Presenti: {names}.</translation>
    </message>
    <message>
        <source>Absent: {names}.</source>
        <translation>Assenti: {names}.</translation>
    </message>
    <message>
        <source>Closed.</source>
        <translation>Chiusa.</translation>
    </message>
    <message>
        <source>{member}: no conflict of interest</source>
        <translation>{member}: nessun conflitto di interessi</translation>
    </message>
    <message>
        <source>{member}: conflict on {code} ({reason})</source>
        <translation>{member}: conflitto su {code} ({reason})</translation>
    </message>
    <message>
        <source>Not declared yet: {names}</source>
        <translation>Non hanno ancora dichiarato: {names}</translation>
    </message>
    <message>
        <source>▶ under discussion</source>
        <translation>▶ in discussione</translation>
    </message>
    <message>
        <source>✓ decided</source>
        <translation>✓ decisa</translation>
    </message>
    <message>
        <source>⏸ deferred</source>
        <translation>⏸ rinviata</translation>
    </message>
    <message>
        <source>out: {names}</source>
        <translation>escono: {names}</translation>
    </message>
    <message>
        <source>⚠ disagreement</source>
        <translation>⚠ disaccordo</translation>
    </message>
    <message>
        <source>Members leave the room {n} times along this order.</source>
        <translation>Con quest&apos;ordine i componenti escono dall&apos;aula {n} volte.</translation>
    </message>
    <message>
        <source>No item under discussion: select one and start it.</source>
        <translation>Nessun punto in discussione: selezionarne uno e avviarlo.</translation>
    </message>
    <message>
        <source>{code}: {time} of {target}{paused}</source>
        <translation>{code}: {time} di {target}{paused}</translation>
    </message>
    <message>
        <source>(paused)</source>
        <translation>(in pausa)</translation>
    </message>
    <message>
        <source>Must leave: {names}</source>
        <translation>Devono uscire: {names}</translation>
    </message>
    <message>
        <source>May come back in: {names}</source>
        <translation>Possono rientrare: {names}</translation>
    </message>
    <message>
        <source>{code}: the item is shown once the members above have left.</source>
        <translation>{code}: il punto si mostra quando i componenti indicati sono usciti.</translation>
    </message>
    <message>
        <source>above the funding line</source>
        <translation>sopra la linea di finanziamento</translation>
    </message>
    <message>
        <source>below the funding line</source>
        <translation>sotto la linea di finanziamento</translation>
    </message>
    <message>
        <source>Lead partner: {name}</source>
        <translation>Capofila: {name}</translation>
    </message>
    <message>
        <source>Proposal: position {position}, {where}; budget left {money}</source>
        <translation>Proposta: posizione {position}, {where}; budget residuo {money}</translation>
    </message>
    <message>
        <source>Grant asked: {money}</source>
        <translation>Contributo richiesto: {money}</translation>
    </message>
    <message>
        <source>Decided: {outcome}</source>
        <translation>Decisa: {outcome}</translation>
    </message>
    <message>
        <source>The date is not valid.</source>
        <translation>La data non è valida.</translation>
    </message>
    <message>
        <source>The sitting is open.</source>
        <translation>La seduta è aperta.</translation>
    </message>
    <message>
        <source>Write the codes of the applications and the reason.</source>
        <translation>Scrivere i codici delle domande e il motivo.</translation>
    </message>
    <message>
        <source>The conflict was not declared.</source>
        <translation>Il conflitto non è stato dichiarato.</translation>
    </message>
    <message>
        <source>Declaration of {member} recorded.</source>
        <translation>Dichiarazione di {member} registrata.</translation>
    </message>
    <message>
        <source>Close the Sitting</source>
        <translation>Chiudi la seduta</translation>
    </message>
    <message>
        <source>Close the sitting now? A closed sitting cannot be reopened.</source>
        <translation>Chiudere ora la seduta? Una seduta chiusa non si può riaprire.</translation>
    </message>
    <message>
        <source>The sitting is closed.</source>
        <translation>La seduta è chiusa.</translation>
    </message>
    <message>
        <source>Proposed order: members leave {after} times instead of {before} ({saving} exits saved). Apply it to keep it.</source>
        <translation>Ordine proposto: i componenti escono {after} volte invece di {before} ({saving} uscite risparmiate). Applicarlo per adottarlo.</translation>
    </message>
    <message>
        <source>Notes saved.</source>
        <translation>Note salvate.</translation>
    </message>
    <message>
        <source>Choose admitted, not admitted or deferred.</source>
        <translation>Scegliere ammessa, non ammessa o rinviata.</translation>
    </message>
    <message>
        <source>Nothing was decided.</source>
        <translation>Nessuna decisione registrata.</translation>
    </message>
    <message>
        <source>Write the reasons of the decision: the minutes and the letters need them.</source>
        <translation>Scrivere la motivazione della decisione: servono al verbale e alle lettere.</translation>
    </message>
    <message>
        <source>Decide Against the Proposal</source>
        <translation>Decisione difforme dalla proposta</translation>
    </message>
    <message>
        <source>Decide all the same?</source>
        <translation>Decidere comunque?</translation>
    </message>
    <message>
        <source>Nothing was decided: the proposal stands.</source>
        <translation>Nessuna decisione registrata: resta la proposta.</translation>
    </message>
    <message>
        <source>{code}: {outcome}. Admitted so far {admitted} of {budget}.</source>
        <translation>{code}: {outcome}. Ammessi finora {admitted} su {budget}.</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>rinviata</translation>
    </message>
    <message>
        <source>Open or resume a sitting first.</source>
        <translation>Aprire o riprendere prima una seduta.</translation>
    </message>
    <message>
        <source>No minutes written.</source>
        <translation>Nessun verbale scritto.</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Verbale</translation>
    </message>
    <message>
        <source>PDF/A (*.pdf);;Word (*.docx)</source>
        <translation>PDF/A (*.pdf);;Word (*.docx)</translation>
    </message>
    <message>
        <source>Minutes written: {path}</source>
        <translation>Verbale scritto: {path}</translation>
    </message>
    <message>
        <source>No application has been decided in this sitting yet.</source>
        <translation>In questa seduta non è stata ancora decisa alcuna domanda.</translation>
    </message>
    <message>
        <source>No letters written.</source>
        <translation>Nessuna lettera scritta.</translation>
    </message>
    <message>
        <source>Folder for the Letters</source>
        <translation>Cartella per le lettere</translation>
    </message>
    <message>
        <source>{written} letters written in {folder}; {skipped} skipped.</source>
        <translation>{written} lettere scritte in {folder}; {skipped} saltate.</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Override a Rule</source>
        <translation>Deroga a una regola</translation>
    </message>
    <message>
        <source>Application {code}, rule “{rule}”: now {outcome}.</source>
        <translation>Domanda {code}, regola “{rule}”: attualmente {outcome}.</translation>
    </message>
    <message>
        <source>New outcome</source>
        <translation>Nuovo esito</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Why? The note is kept with your name and today&apos;s date.</source>
        <translation>Perché? La nota viene conservata con il tuo nome e la data di oggi.</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Esito:</translation>
    </message>
    <message>
        <source>&amp;Note (required):</source>
        <translation>&amp;Nota (obbligatoria):</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Deroga</translation>
    </message>
</context>
<context>
    <name>PecDialog</name>
    <message>
        <source>PEC Mailbox</source>
        <translation>Casella PEC</translation>
    </message>
    <message>
        <source>SSL/TLS (implicit, port 465)</source>
        <translation>SSL/TLS (implicito, porta 465)</translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (porta 587)</translation>
    </message>
    <message>
        <source>As the sender address</source>
        <translation>Come l&apos;indirizzo del mittente</translation>
    </message>
    <message>
        <source>The system&apos;s certificates</source>
        <translation>I certificati del sistema</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Sfo&amp;glia…</translation>
    </message>
    <message>
        <source>Optional: to read the receipts from the mailbox (imaps.pec.example.it)</source>
        <translation>Facoltativo: per leggere le ricevute dalla casella (imaps.pec.example.it)</translation>
    </message>
    <message>
        <source>Type it to store it or replace the stored one</source>
        <translation>Scriverla per salvarla o sostituire quella salvata</translation>
    </message>
    <message>
        <source>&amp;Test the Connection</source>
        <translation>&amp;Prova la connessione</translation>
    </message>
    <message>
        <source>&amp;Forget the Password</source>
        <translation>&amp;Dimentica la password</translation>
    </message>
    <message>
        <source>&amp;Server (SMTP):</source>
        <translation>&amp;Server (SMTP):</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;orta:</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>Sic&amp;urezza:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>U&amp;tente:</translation>
    </message>
    <message>
        <source>Se&amp;nder (PEC):</source>
        <translation>&amp;Mittente (PEC):</translation>
    </message>
    <message>
        <source>&amp;CA bundle:</source>
        <translation>Bundle &amp;CA:</translation>
    </message>
    <message>
        <source>IMAP ser&amp;ver:</source>
        <translation>Server &amp;IMAP:</translation>
    </message>
    <message>
        <source>IMAP po&amp;rt:</source>
        <translation>Porta IM&amp;AP:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>Server SMTP</translation>
    </message>
    <message>
        <source>SMTP port</source>
        <translation>Porta SMTP</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicurezza</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utente</translation>
    </message>
    <message>
        <source>Sender PEC address</source>
        <translation>Indirizzo PEC del mittente</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>Bundle CA</translation>
    </message>
    <message>
        <source>IMAP server</source>
        <translation>Server IMAP</translation>
    </message>
    <message>
        <source>IMAP port</source>
        <translation>Porta IMAP</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Predefinita</translation>
    </message>
    <message>
        <source>The password is kept in the system keyring ({backend}), nowhere else.</source>
        <translation>La password è conservata nel portachiavi del sistema ({backend}), da nessun&apos;altra parte.</translation>
    </message>
    <message>
        <source>There is no usable system keyring: a password typed here is kept in memory for this session only.</source>
        <translation>Non c&apos;è un portachiavi di sistema utilizzabile: una password scritta qui resta in memoria solo per questa sessione.</translation>
    </message>
    <message>
        <source>A password is stored for this mailbox.</source>
        <translation>Per questa casella è salvata una password.</translation>
    </message>
    <message>
        <source>No password is stored for this mailbox yet.</source>
        <translation>Per questa casella non è ancora salvata una password.</translation>
    </message>
    <message>
        <source>CA Bundle</source>
        <translation>Bundle CA</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificati (*.pem *.crt *.cer);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Logging in to the PEC mailbox (nothing is sent, nothing changes)…</source>
        <translation>Accesso alla casella PEC (nulla viene inviato, nulla cambia)…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>NON RIUSCITO</translation>
    </message>
    <message>
        <source>Password forgotten.</source>
        <translation>Password dimenticata.</translation>
    </message>
    <message>
        <source>No password was stored.</source>
        <translation>Nessuna password era salvata.</translation>
    </message>
    <message>
        <source>The settings could not be saved: {why}</source>
        <translation>Non è stato possibile salvare le impostazioni: {why}</translation>
    </message>
    <message>
        <source>PEC mailbox saved. There is no system keyring: the password is kept for this session only.</source>
        <translation>Casella PEC salvata. Non c&apos;è un portachiavi di sistema: la password resta solo per questa sessione.</translation>
    </message>
    <message>
        <source>PEC mailbox saved, its password in the system keyring.</source>
        <translation>Casella PEC salvata, la password nel portachiavi del sistema.</translation>
    </message>
    <message>
        <source>PEC mailbox saved.</source>
        <translation>Casella PEC salvata.</translation>
    </message>
</context>
<context>
    <name>PlatformDialog</name>
    <message>
        <source>Crowdfunding Platform</source>
        <translation>Piattaforma di crowdfunding</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>Indirizzo della piattaforma</translation>
    </message>
    <message>
        <source>Platform kind</source>
        <translation>Tipo di piattaforma</translation>
    </message>
    <message>
        <source>Sync interval</source>
        <translation>Intervallo di sincronizzazione</translation>
    </message>
    <message>
        <source>Only when asked</source>
        <translation>Solo su richiesta</translation>
    </message>
    <message>
        <source>Every {n} minutes</source>
        <translation>Ogni {n} minuti</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>Bundle CA</translation>
    </message>
    <message>
        <source>The system&apos;s certificates</source>
        <translation>I certificati del sistema</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Sf&amp;oglia…</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Nome dell&apos;account</translation>
    </message>
    <message>
        <source>Only for a platform that asks for one (Goteo)</source>
        <translation>Solo per le piattaforme che lo richiedono (Goteo)</translation>
    </message>
    <message>
        <source>Token or password</source>
        <translation>Token o password</translation>
    </message>
    <message>
        <source>Type a new one to replace the stored one</source>
        <translation>Scrivine uno nuovo per sostituire quello memorizzato</translation>
    </message>
    <message>
        <source>&amp;Store</source>
        <translation>&amp;Memorizza</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Prova</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Elimina</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Indirizzo:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>S&amp;ync:</source>
        <translation>Sincroni&amp;zzazione:</translation>
    </message>
    <message>
        <source>&amp;CA bundle:</source>
        <translation>Bundle &amp;CA:</translation>
    </message>
    <message>
        <source>Acco&amp;unt:</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>T&amp;oken or password:</source>
        <translation>To&amp;ken o password:</translation>
    </message>
    <message>
        <source>Demo: the campaigns come from the platform simulator at {url}, with a token for this session only. What you set here is kept for your own database.</source>
        <translation>Demo: le campagne arrivano dal simulatore della piattaforma su {url}, con un token valido solo per questa sessione. Ciò che imposti qui viene conservato per il tuo database.</translation>
    </message>
    <message>
        <source>CA Bundle</source>
        <translation>Bundle CA</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificati (*.pem *.crt *.cer);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Type the platform&apos;s address first.</source>
        <translation>Scrivi prima l&apos;indirizzo della piattaforma.</translation>
    </message>
    <message>
        <source>Type the token or password to store.</source>
        <translation>Scrivi il token o la password da memorizzare.</translation>
    </message>
    <message>
        <source>Kept in memory for this session only: there is no system keyring.</source>
        <translation>Conservato in memoria solo per questa sessione: il portachiavi del sistema non è disponibile.</translation>
    </message>
    <message>
        <source>Stored in the system keyring.</source>
        <translation>Memorizzato nel portachiavi del sistema.</translation>
    </message>
    <message>
        <source>Credential forgotten.</source>
        <translation>Credenziale eliminata.</translation>
    </message>
    <message>
        <source>No credential was stored.</source>
        <translation>Nessuna credenziale era memorizzata.</translation>
    </message>
    <message>
        <source>Asking the platform…</source>
        <translation>Interrogazione della piattaforma…</translation>
    </message>
</context>
<context>
    <name>ProtocolDialog</name>
    <message>
        <source>Record Protocol</source>
        <translation>Registra il protocollo</translation>
    </message>
    <message>
        <source>e.g. PG 123456/2025</source>
        <translation>es. PG 123456/2025</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>gg/mm/aaaa</translation>
    </message>
    <message>
        <source>Protocol &amp;number:</source>
        <translation>&amp;Numero di protocollo:</translation>
    </message>
    <message>
        <source>Protocol &amp;date:</source>
        <translation>&amp;Data di protocollo:</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Registra</translation>
    </message>
    <message>
        <source>Type the protocol number.</source>
        <translation>Scrivere il numero di protocollo.</translation>
    </message>
    <message>
        <source>The date is not valid: write it as dd/mm/yyyy, e.g. 31/01/2025.</source>
        <translation>La data non è valida: scriverla come gg/mm/aaaa, per esempio 31/01/2025.</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <source>Pos.</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Variazione</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Lead partner</source>
        <translation>Capofila</translation>
    </message>
    <message>
        <source>Municipio</source>
        <translation>Municipio</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punteggio</translation>
    </message>
    <message>
        <source>Normalised</source>
        <translation>Normalizzato</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>Scarto</translation>
    </message>
    <message>
        <source>Evaluators</source>
        <translation>Valutatori</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>Contributo</translation>
    </message>
    <message>
        <source>Cumulative grant</source>
        <translation>Contributo cumulato</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisione</translation>
    </message>
    <message>
        <source>Places gained (↑) or lost (↓) in the normalised ranking</source>
        <translation>Posizioni guadagnate (↑) o perse (↓) nella graduatoria normalizzata</translation>
    </message>
    <message>
        <source>Score with each evaluator&apos;s totals normalised (z-score mapped back to the scale); shown beside the raw score, never replacing it</source>
        <translation>Punteggio con i totali di ogni valutatore normalizzati (z-score riportato sulla scala); mostrato accanto al punteggio grezzo, senza mai sostituirlo</translation>
    </message>
    <message>
        <source>Highest minus lowest evaluator&apos;s total</source>
        <translation>Totale più alto meno totale più basso tra i valutatori</translation>
    </message>
    <message>
        <source>Sheets counted of those expected</source>
        <translation>Schede conteggiate su quelle previste</translation>
    </message>
    <message>
        <source>Sum of the grants from position 1 to this one</source>
        <translation>Somma dei contributi dalla posizione 1 a questa</translation>
    </message>
    <message>
        <source>The committee&apos;s decision, recorded apart from the proposal</source>
        <translation>La decisione della commissione, registrata separatamente dalla proposta</translation>
    </message>
    <message>
        <source>Fewer evaluators than the call asks ({n}): conflicts of interest left this application with {expected}.</source>
        <translation>Meno valutatori di quanti ne chiede il bando ({n}): per conflitti di interessi questa domanda ne ha {expected}.</translation>
    </message>
    <message>
        <source>The evaluators disagree beyond the limit of {limit}</source>
        <translation>I valutatori divergono oltre il limite di {limit}</translation>
    </message>
    <message>
        <source>{reasons}
— {who}, {when}</source>
        <translation>{reasons}
— {who}, {when}</translation>
    </message>
</context>
<context>
    <name>RankingView</name>
    <message>
        <source>Ranking</source>
        <translation>Graduatoria</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sessione</translation>
    </message>
    <message>
        <source>Whole call</source>
        <translation>Intero bando</translation>
    </message>
    <message>
        <source>What-if budget in euro</source>
        <translation>Dotazione ipotetica in euro</translation>
    </message>
    <message>
        <source>Type another budget to see where the funding line would fall; empty: the session&apos;s budget</source>
        <translation>Scrivi un&apos;altra dotazione per vedere dove cadrebbe la linea di finanziamento; se vuoto: la dotazione della sessione</translation>
    </message>
    <message>
        <source>Budget problem</source>
        <translation>Problema con la dotazione</translation>
    </message>
    <message>
        <source>Session &amp;budget</source>
        <translation>&amp;Dotazione della sessione</translation>
    </message>
    <message>
        <source>Show &amp;normalised</source>
        <translation>Mostra punteggi &amp;normalizzati</translation>
    </message>
    <message>
        <source>Add each evaluator&apos;s normalised scores beside the raw ones, with the places each application would gain or lose. The raw ranking stays the official one.</source>
        <translation>Aggiungi accanto ai punteggi grezzi quelli normalizzati di ogni valutatore, con le posizioni che ogni domanda guadagnerebbe o perderebbe. La graduatoria ufficiale resta quella grezza.</translation>
    </message>
    <message>
        <source>Order by normalised</source>
        <translation>Ordina per normalizzato</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ggiorna</translation>
    </message>
    <message>
        <source>&amp;Session:</source>
        <translation>&amp;Sessione:</translation>
    </message>
    <message>
        <source>What-if b&amp;udget (€):</source>
        <translation>Dotazione &amp;ipotetica (€):</translation>
    </message>
    <message>
        <source>Funding line</source>
        <translation>Linea di finanziamento</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Esportazione</translation>
    </message>
    <message>
        <source>Export &amp;XLSX…</source>
        <translation>Esporta &amp;XLSX…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Esporta &amp;CSV…</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>Esporta &amp;PDF…</translation>
    </message>
    <message>
        <source>Evaluation &amp;Summary PDF…</source>
        <translation>Riepilogo &amp;valutazione PDF…</translation>
    </message>
    <message>
        <source>The selected application&apos;s evaluation, for the committee</source>
        <translation>La valutazione della domanda selezionata, per la commissione</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisione</translation>
    </message>
    <message>
        <source>Select an application in the ranking.</source>
        <translation>Seleziona una domanda nella graduatoria.</translation>
    </message>
    <message>
        <source>Selected application</source>
        <translation>Domanda selezionata</translation>
    </message>
    <message>
        <source>Recorded decision</source>
        <translation>Decisione registrata</translation>
    </message>
    <message>
        <source>&amp;Admitted</source>
        <translation>&amp;Ammessa</translation>
    </message>
    <message>
        <source>N&amp;ot admitted</source>
        <translation>N&amp;on ammessa</translation>
    </message>
    <message>
        <source>Reasons for the decision</source>
        <translation>Motivazioni della decisione</translation>
    </message>
    <message>
        <source>Reasons (required): they go into the minutes and the letter.</source>
        <translation>Motivazioni (obbligatorie): vanno nel verbale e nella lettera.</translation>
    </message>
    <message>
        <source>&amp;Record Decision</source>
        <translation>Regis&amp;tra la decisione</translation>
    </message>
    <message>
        <source>C&amp;lear Decision</source>
        <translation>Cance&amp;lla la decisione</translation>
    </message>
    <message>
        <source>Decision result</source>
        <translation>Esito dell&apos;operazione sulla decisione</translation>
    </message>
    <message>
        <source>&amp;Reasons:</source>
        <translation>&amp;Motivazioni:</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>Scarto</translation>
    </message>
    <message>
        <source>Evaluators&apos; totals</source>
        <translation>Totali dei valutatori</translation>
    </message>
    <message>
        <source>Disagreements, most divergent first</source>
        <translation>Divergenze, prima le più ampie</translation>
    </message>
    <message>
        <source>Municipio</source>
        <translation>Municipio</translation>
    </message>
    <message>
        <source>Fundable</source>
        <translation>Finanziabili</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Contributi</translation>
    </message>
    <message>
        <source>Fundable projects by Municipio</source>
        <translation>Progetti finanziabili per Municipio</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Obiettivo</translation>
    </message>
    <message>
        <source>Fundable projects by objective</source>
        <translation>Progetti finanziabili per obiettivo</translation>
    </message>
    <message>
        <source>Ranking details</source>
        <translation>Dettagli della graduatoria</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Divergenze</translation>
    </message>
    <message>
        <source>By Municipio</source>
        <translation>Per Municipio</translation>
    </message>
    <message>
        <source>By objective</source>
        <translation>Per obiettivo</translation>
    </message>
    <message>
        <source>Computing the ranking…</source>
        <translation>Calcolo della graduatoria…</translation>
    </message>
    <message>
        <source>The ranking could not be computed.</source>
        <translation>Impossibile calcolare la graduatoria.</translation>
    </message>
    <message>
        <source>what-if budget</source>
        <translation>dotazione ipotetica</translation>
    </message>
    <message>
        <source>the session&apos;s budget</source>
        <translation>dotazione della sessione</translation>
    </message>
    <message>
        <source>the call&apos;s budget</source>
        <translation>dotazione del bando</translation>
    </message>
    <message>
        <source>the call&apos;s budget less {admitted} admitted in earlier sessions</source>
        <translation>dotazione del bando meno {admitted} già ammessi nelle sessioni precedenti</translation>
    </message>
    <message>
        <source>No application is ranked yet (scores incomplete or below the minimum of {minimum}). Budget {budget} ({source}).</source>
        <translation>Nessuna domanda ancora in graduatoria (punteggi incompleti o sotto il minimo di {minimum}). Dotazione {budget} ({source}).</translation>
    </message>
    <message>
        <source>Funding line above position 1: the budget of {budget} ({source}) does not cover the first grant of {grant}.</source>
        <translation>Linea di finanziamento sopra la posizione 1: la dotazione di {budget} ({source}) non copre il primo contributo di {grant}.</translation>
    </message>
    <message>
        <source>Funding line after position {position} ({code}): {count} fundable, {funded} of {budget} ({source}); {left} left.</source>
        <translation>Linea di finanziamento dopo la posizione {position} ({code}): {count} finanziabili, {funded} su {budget} ({source}); restano {left}.</translation>
    </message>
    <message>
        <source>First not funded: position {position} ({code}), grant {grant}.</source>
        <translation>Prima non finanziata: posizione {position} ({code}), contributo {grant}.</translation>
    </message>
    <message>
        <source>Shown in normalised order for comparison: statuses and the funding line belong to the raw ranking.</source>
        <translation>Mostrata in ordine normalizzato per confronto: stati e linea di finanziamento sono quelli della graduatoria grezza.</translation>
    </message>
    <message>
        <source>{n} more, less divergent</source>
        <translation>altre {n}, meno divergenti</translation>
    </message>
    <message>
        <source>Disagreements ({n})</source>
        <translation>Divergenze ({n})</translation>
    </message>
    <message>
        <source>Municipio {n}</source>
        <translation>Municipio {n}</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non indicato</translation>
    </message>
    <message>
        <source>Not an amount: write it like 500.000,00</source>
        <translation>Non è un importo: scrivilo come 500.000,00</translation>
    </message>
    <message>
        <source>position {n}</source>
        <translation>posizione {n}</translation>
    </message>
    <message>
        <source>not ranked</source>
        <translation>non in graduatoria</translation>
    </message>
    <message>
        <source>{code} — {title}
{position}, {status}, score {score}</source>
        <translation>{code} — {title}
{position}, {status}, punteggio {score}</translation>
    </message>
    <message>
        <source>Recorded: {decision} — {who}, {when}</source>
        <translation>Registrata: {decision} — {who}, {when}</translation>
    </message>
    <message>
        <source>No decision recorded yet.</source>
        <translation>Nessuna decisione ancora registrata.</translation>
    </message>
    <message>
        <source>Write the reasons first: they are required.</source>
        <translation>Scrivi prima le motivazioni: sono obbligatorie.</translation>
    </message>
    <message>
        <source>Not recorded: the reasons are required.</source>
        <translation>Non registrata: le motivazioni sono obbligatorie.</translation>
    </message>
    <message>
        <source>Decision recorded for {code}.</source>
        <translation>Decisione registrata per {code}.</translation>
    </message>
    <message>
        <source>Decision cleared for {code}.</source>
        <translation>Decisione cancellata per {code}.</translation>
    </message>
    <message>
        <source>The decision was not recorded.</source>
        <translation>La decisione non è stata registrata.</translation>
    </message>
    <message>
        <source>Excel workbooks</source>
        <translation>Cartelle di lavoro Excel</translation>
    </message>
    <message>
        <source>CSV files</source>
        <translation>File CSV</translation>
    </message>
    <message>
        <source>PDF documents</source>
        <translation>Documenti PDF</translation>
    </message>
    <message>
        <source>Export the Ranking</source>
        <translation>Esporta la graduatoria</translation>
    </message>
    <message>
        <source>Ranking exported to {path}.</source>
        <translation>Graduatoria esportata in {path}.</translation>
    </message>
    <message>
        <source>Select an application first.</source>
        <translation>Seleziona prima una domanda.</translation>
    </message>
    <message>
        <source>Export the Evaluation Summary</source>
        <translation>Esporta il riepilogo della valutazione</translation>
    </message>
    <message>
        <source>Evaluation summary of {code} exported to {path}.</source>
        <translation>Riepilogo della valutazione di {code} esportato in {path}.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Esportazione…</translation>
    </message>
    <message>
        <source>The export failed.</source>
        <translation>L&apos;esportazione non è riuscita.</translation>
    </message>
</context>
<context>
    <name>RoomView</name>
    <message>
        <source>Commissione — Room View</source>
        <translation>Commissione — Vista per la sala</translation>
    </message>
    <message>
        <source>No sitting is open</source>
        <translation>Nessuna seduta aperta</translation>
    </message>
    <message>
        <source>The room view shows the sitting once the secretary opens it.</source>
        <translation>La vista per la sala mostra la seduta quando il segretario la apre.</translation>
    </message>
    <message>
        <source>Sitting no. {number} · {date} · {place}</source>
        <translation>Seduta n. {number} · {date} · {place}</translation>
    </message>
    <message>
        <source>▶ Current: {code}</source>
        <translation>▶ In corso: {code}</translation>
    </message>
    <message>
        <source>Next: {code}</source>
        <translation>Poi: {code}</translation>
    </message>
    <message>
        <source>Then: {code}</source>
        <translation>Dopo: {code}</translation>
    </message>
    <message>
        <source>Admitted so far: {admitted} of {budget} · left {left} · decided {done}, to go {remaining}</source>
        <translation>Ammessi finora: {admitted} su {budget} · residuo {left} · decise {done}, da decidere {remaining}</translation>
    </message>
    <message>
        <source>⬅ Must leave: {names}</source>
        <translation>⬅ Devono uscire: {names}</translation>
    </message>
    <message>
        <source>➡ May come back in: {names}</source>
        <translation>➡ Possono rientrare: {names}</translation>
    </message>
    <message>
        <source>The item is shown once they have left.</source>
        <translation>Il punto si mostra quando sono usciti.</translation>
    </message>
    <message>
        <source>No item under discussion.</source>
        <translation>Nessun punto in discussione.</translation>
    </message>
    <message>
        <source>Lead partner: {name}</source>
        <translation>Capofila: {name}</translation>
    </message>
    <message>
        <source>Partners: {names}</source>
        <translation>Partner: {names}</translation>
    </message>
    <message>
        <source>Municipio {number}</source>
        <translation>Municipio {number}</translation>
    </message>
    <message>
        <source>Cost: {money}</source>
        <translation>Costo: {money}</translation>
    </message>
    <message>
        <source>Grant asked: {money}</source>
        <translation>Contributo richiesto: {money}</translation>
    </message>
    <message>
        <source>Objectives: {list}</source>
        <translation>Obiettivi: {list}</translation>
    </message>
    <message>
        <source>not in the ranking</source>
        <translation>fuori graduatoria</translation>
    </message>
    <message>
        <source>▲ above the funding line</source>
        <translation>▲ sopra la linea di finanziamento</translation>
    </message>
    <message>
        <source>▼ below the funding line</source>
        <translation>▼ sotto la linea di finanziamento</translation>
    </message>
    <message>
        <source>position {n}</source>
        <translation>posizione {n}</translation>
    </message>
    <message>
        <source>Proposal: {position} {where}</source>
        <translation>Proposta: {position} {where}</translation>
    </message>
    <message>
        <source>Budget left: {money}</source>
        <translation>Budget residuo: {money}</translation>
    </message>
    <message>
        <source>Scores: mean (range)</source>
        <translation>Punteggi: media (minimo–massimo)</translation>
    </message>
    <message>
        <source>Total: {total}</source>
        <translation>Totale: {total}</translation>
    </message>
    <message>
        <source>⚠ Evaluators disagree</source>
        <translation>⚠ Valutatori in disaccordo</translation>
    </message>
    <message>
        <source>(gap {gap})</source>
        <translation>(scarto {gap})</translation>
    </message>
    <message>
        <source>no scores</source>
        <translation>nessun punteggio</translation>
    </message>
    <message>
        <source>Motivations:</source>
        <translation>Motivazioni:</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… e altre {n}</translation>
    </message>
    <message>
        <source>Sitting {total}</source>
        <translation>Seduta {total}</translation>
    </message>
    <message>
        <source>(paused)</source>
        <translation>(in pausa)</translation>
    </message>
    <message>
        <source>Item {item} of {target}{paused} · Sitting {total}</source>
        <translation>Punto {item} di {target}{paused} · Seduta {total}</translation>
    </message>
    <message>
        <source>⏱ Past the target time</source>
        <translation>⏱ Oltre il tempo previsto</translation>
    </message>
</context>
<context>
    <name>ScoreSheetView</name>
    <message>
        <source>Score sheet</source>
        <translation>Scheda di valutazione</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Ricarica</translation>
    </message>
    <message>
        <source>Loading the applications assigned to you…</source>
        <translation>Caricamento delle domande assegnate a te…</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ &amp;Precedente</translation>
    </message>
    <message>
        <source>Previous application (Ctrl+PgUp)</source>
        <translation>Domanda precedente (Ctrl+Pag↑)</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>&amp;Successiva ▶</translation>
    </message>
    <message>
        <source>Next application (Ctrl+PgDown)</source>
        <translation>Domanda successiva (Ctrl+Pag↓)</translation>
    </message>
    <message>
        <source>Next &amp;unscored ▶▶</source>
        <translation>Successiva &amp;non valutata ▶▶</translation>
    </message>
    <message>
        <source>The next application you have not submitted yet (Ctrl+Shift+N)</source>
        <translation>La prossima domanda di cui non hai ancora inviato la scheda (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Avanzamento</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>Valutatore</translation>
    </message>
    <message>
        <source>Kit of {name} (offline workspace)</source>
        <translation>Kit di {name} (spazio di lavoro offline)</translation>
    </message>
    <message>
        <source>Evaluator: {name}</source>
        <translation>Valutatore: {name}</translation>
    </message>
    <message>
        <source>Applications assigned to you</source>
        <translation>Domande assegnate a te</translation>
    </message>
    <message>
        <source>0 to {max}, steps of {step}</source>
        <translation>da 0 a {max}, a passi di {step}</translation>
    </message>
    <message>
        <source>not in the total</source>
        <translation>escluso dal totale</translation>
    </message>
    <message>
        <source>weight {weight}</source>
        <translation>peso {weight}</translation>
    </message>
    <message>
        <source>Score: {criterion}</source>
        <translation>Punteggio: {criterion}</translation>
    </message>
    <message>
        <source>Comment: {criterion}</source>
        <translation>Commento: {criterion}</translation>
    </message>
    <message>
        <source>Comment on this criterion (optional)</source>
        <translation>Commento su questo criterio (facoltativo)</translation>
    </message>
    <message>
        <source>Objectives: {objectives}</source>
        <translation>Obiettivi: {objectives}</translation>
    </message>
    <message>
        <source>About: {criterion}</source>
        <translation>Descrizione: {criterion}</translation>
    </message>
    <message>
        <source>Problem: {criterion}</source>
        <translation>Problema: {criterion}</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Lead partner</source>
        <translation>Capofila</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>Costo totale</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>Contributo</translation>
    </message>
    <message>
        <source>Municipio</source>
        <translation>Municipio</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Obiettivi</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sintesi</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterio</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punteggio</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commento</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Punteggi</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <source>Scores not in the total</source>
        <translation>Punteggi esclusi dal totale</translation>
    </message>
    <message>
        <source>Motivation</source>
        <translation>Motivazione</translation>
    </message>
    <message>
        <source>May be quoted to the applicant in the decision letter.</source>
        <translation>Può essere citata al proponente nella lettera di esito.</translation>
    </message>
    <message>
        <source>Why these scores, in words the applicant can read.</source>
        <translation>Il perché di questi punteggi, in parole comprensibili al proponente.</translation>
    </message>
    <message>
        <source>&amp;Motivation (required to submit) — may be quoted to the applicant</source>
        <translation>&amp;Motivazione (obbligatoria per l&apos;invio) — può essere citata al proponente</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Nota personale</translation>
    </message>
    <message>
        <source>Never leaves this computer: not exported, not in a kit return, not shown to anyone else.</source>
        <translation>Non lascia mai questo computer: non viene esportata, non va nel file di ritorno del kit, non è mostrata a nessun altro.</translation>
    </message>
    <message>
        <source>Your own reminders.</source>
        <translation>I tuoi promemoria.</translation>
    </message>
    <message>
        <source>Private &amp;note — never leaves this computer: not exported, not in a kit return, not shown to anyone else</source>
        <translation>N&amp;ota personale — non lascia mai questo computer: non viene esportata, non va nel file di ritorno del kit, non è mostrata a nessun altro</translation>
    </message>
    <message>
        <source>Other evaluators</source>
        <translation>Altri valutatori</translation>
    </message>
    <message>
        <source>Other evaluators&apos; totals</source>
        <translation>Totali degli altri valutatori</translation>
    </message>
    <message>
        <source>Score sheet form</source>
        <translation>Modulo della scheda di valutazione</translation>
    </message>
    <message>
        <source>Sheet status</source>
        <translation>Stato della scheda</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Salvataggio</translation>
    </message>
    <message>
        <source>Why the sheet was not submitted</source>
        <translation>Perché la scheda non è stata inviata</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Invia</translation>
    </message>
    <message>
        <source>Submit the sheet (Ctrl+Return): every criterion and the motivation needed</source>
        <translation>Invia la scheda (Ctrl+Invio): servono tutti i criteri e la motivazione</translation>
    </message>
    <message>
        <source>R&amp;eopen…</source>
        <translation>Ri&amp;apri…</translation>
    </message>
    <message>
        <source>The secretariat reopens a submitted sheet, with a reason</source>
        <translation>La segreteria riapre una scheda inviata, indicandone il motivo</translation>
    </message>
    <message>
        <source>Your applications could not be loaded.</source>
        <translation>Impossibile caricare le tue domande.</translation>
    </message>
    <message>
        <source>No application is assigned to you yet.</source>
        <translation>Non ti è ancora stata assegnata nessuna domanda.</translation>
    </message>
    <message>
        <source>to score</source>
        <translation>da valutare</translation>
    </message>
    <message>
        <source>{done} of {total} submitted</source>
        <translation>{done} di {total} inviate</translation>
    </message>
    <message>
        <source>The sheet could not be opened.</source>
        <translation>Impossibile aprire la scheda.</translation>
    </message>
    <message>
        <source>This is the last application.</source>
        <translation>Questa è l&apos;ultima domanda.</translation>
    </message>
    <message>
        <source>This is the first application.</source>
        <translation>Questa è la prima domanda.</translation>
    </message>
    <message>
        <source>Every application assigned to you is submitted.</source>
        <translation>Hai inviato la scheda di tutte le domande assegnate a te.</translation>
    </message>
    <message>
        <source>The next application could not be found.</source>
        <translation>Impossibile trovare la domanda successiva.</translation>
    </message>
    <message>
        <source>Municipio {n}</source>
        <translation>Municipio {n}</translation>
    </message>
    <message>
        <source>● Submitted {when} — read only</source>
        <translation>● Inviata {when} — sola lettura</translation>
    </message>
    <message>
        <source>◐ Draft — saved as you type</source>
        <translation>◐ Bozza — salvata mentre scrivi</translation>
    </message>
    <message>
        <source>○ Not scored yet — saved as you type</source>
        <translation>○ Non ancora valutata — salvata mentre scrivi</translation>
    </message>
    <message>
        <source>kit of {name}</source>
        <translation>kit di {name}</translation>
    </message>
    <message>
        <source>{name}: {total}</source>
        <translation>{name}: {total}</translation>
    </message>
    <message>
        <source>No other evaluator has submitted yet.</source>
        <translation>Nessun altro valutatore ha ancora inviato la sua scheda.</translation>
    </message>
    <message>
        <source>Blind phase: the other evaluators&apos; scores are shown after you submit yours.</source>
        <translation>Fase cieca: i punteggi degli altri valutatori sono visibili dopo che hai inviato i tuoi.</translation>
    </message>
    <message>
        <source>Other evaluators&apos; scores are not shown here.</source>
        <translation>I punteggi degli altri valutatori non sono mostrati qui.</translation>
    </message>
    <message>
        <source>Unsaved changes…</source>
        <translation>Modifiche non salvate…</translation>
    </message>
    <message>
        <source>Total: {total} of {max} ({scored} of {count} criteria scored)</source>
        <translation>Totale: {total} su {max} ({scored} di {count} criteri valutati)</translation>
    </message>
    <message>
        <source>Not in the total: {scores}</source>
        <translation>Esclusi dal totale: {scores}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvataggio…</translation>
    </message>
    <message>
        <source>Draft saved at {time}.</source>
        <translation>Bozza salvata alle {time}.</translation>
    </message>
    <message>
        <source>Private note saved.</source>
        <translation>Nota personale salvata.</translation>
    </message>
    <message>
        <source>A draft could not be saved.</source>
        <translation>Impossibile salvare una bozza.</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Non salvata.</translation>
    </message>
    <message>
        <source>This sheet was changed elsewhere since you opened it: your last changes were NOT saved. Reload to see the sheet as it is now (copy any text you want to keep first).</source>
        <translation>Questa scheda è stata modificata altrove dopo che l&apos;hai aperta: le tue ultime modifiche NON sono state salvate. Ricarica per vedere la scheda com&apos;è ora (prima copia il testo che vuoi conservare).</translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation>Non salvata: {why}</translation>
    </message>
    <message>
        <source>The draft could not be saved.</source>
        <translation>Impossibile salvare la bozza.</translation>
    </message>
    <message>
        <source>Give a score to submit the sheet.</source>
        <translation>Assegna un punteggio per inviare la scheda.</translation>
    </message>
    <message>
        <source>Write the motivation to submit the sheet.</source>
        <translation>Scrivi la motivazione per inviare la scheda.</translation>
    </message>
    <message>
        <source>Not submitted: complete what is marked above.</source>
        <translation>Non inviata: completa quanto segnalato sopra.</translation>
    </message>
    <message>
        <source>Submitted.</source>
        <translation>Inviata.</translation>
    </message>
    <message>
        <source>Not submitted: {why}</source>
        <translation>Non inviata: {why}</translation>
    </message>
    <message>
        <source>The sheet was not submitted.</source>
        <translation>La scheda non è stata inviata.</translation>
    </message>
    <message>
        <source>Reopen a Submitted Sheet</source>
        <translation>Riapri una scheda inviata</translation>
    </message>
    <message>
        <source>Why is {member}&apos;s sheet for {code} reopened? (recorded)</source>
        <translation>Perché riapri la scheda di {member} per {code}? (viene registrato)</translation>
    </message>
    <message>
        <source>Not reopened: a reason is required.</source>
        <translation>Non riaperta: serve un motivo.</translation>
    </message>
    <message>
        <source>Reopened: the sheet is a draft again.</source>
        <translation>Riaperta: la scheda è di nuovo una bozza.</translation>
    </message>
    <message>
        <source>The sheet was not reopened.</source>
        <translation>La scheda non è stata riaperta.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Database location</source>
        <translation>Posizione del database</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Sf&amp;oglia…</translation>
    </message>
    <message>
        <source>A file on this computer, or a server address such as postgresql://user@server/commissione. Empty: the default file shown.</source>
        <translation>Un file su questo computer, o l&apos;indirizzo di un server come postgresql://user@server/commissione. Se vuoto: il file predefinito indicato.</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Lingua dell&apos;interfaccia</translation>
    </message>
    <message>
        <source>Interface scale</source>
        <translation>Scala dell&apos;interfaccia</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Database:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Lingua:</translation>
    </message>
    <message>
        <source>Interface &amp;scale:</source>
        <translation>&amp;Scala dell&apos;interfaccia:</translation>
    </message>
    <message>
        <source>The database, the language and the scale take effect the next time Commissione starts.</source>
        <translation>Il database, la lingua e la scala avranno effetto al prossimo avvio di Commissione.</translation>
    </message>
    <message>
        <source>Database File</source>
        <translation>File del database</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db);;All files (*)</source>
        <translation>Database SQLite (*.sqlite *.db);;Tutti i file (*)</translation>
    </message>
</context>
</TS>
