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
        <source>The database does not answer: check that the file or the server can be reached, then retry.</source>
        <translation>Il database non risponde: controlla che il file o il server siano raggiungibili, poi riprova.</translation>
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
