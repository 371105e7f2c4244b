<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>umg::AlertHistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
</context>
<context>
    <name>umg::AlertHistoryStore</name>
    <message>
        <source>the folder could not be created</source>
        <translation>der Ordner konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>Creating its folder</source>
        <translation>Das Anlegen seines Ordners</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>Das Öffnen</translation>
    </message>
    <message>
        <source>Creating its table</source>
        <translation>Das Anlegen seiner Tabelle</translation>
    </message>
    <message>
        <source>%2 failed for the alert history %1: %3. Check that the data folder is writable and that no other console uses it, or start the console with --data-dir and another folder.</source>
        <translation>%2 ist beim Alarmverlauf %1 fehlgeschlagen: %3. Prüfen Sie, ob der Datenordner beschreibbar ist und keine andere Konsole ihn verwendet, oder starten Sie die Konsole mit --data-dir und einem anderen Ordner.</translation>
    </message>
    <message>
        <source>Starting a transaction</source>
        <translation>Der Start einer Transaktion</translation>
    </message>
    <message>
        <source>Storing an alert transition</source>
        <translation>Das Speichern eines Alarmwechsels</translation>
    </message>
    <message>
        <source>Committing the alert transitions</source>
        <translation>Das Festschreiben der Alarmwechsel</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Das Lesen</translation>
    </message>
    <message>
        <source>Deleting old transitions</source>
        <translation>Das Löschen alter Alarmwechsel</translation>
    </message>
</context>
<context>
    <name>umg::AlertMonitor</name>
    <message>
        <source>No alert rules are loaded.</source>
        <translation>Es sind keine Alarmregeln geladen.</translation>
    </message>
    <message>
        <source>The metric history is not open while the engine starts or restarts; the alerts are evaluated again once it runs.</source>
        <translation>Während die Engine startet oder neu startet, ist der Metrikverlauf nicht geöffnet; die Alarme werden wieder ausgewertet, sobald sie läuft.</translation>
    </message>
    <message>
        <source>Evaluating the alert rules failed: %1</source>
        <translation>Die Auswertung der Alarmregeln ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Firing</source>
        <translation>Ausgelöst</translation>
    </message>
</context>
<context>
    <name>umg::AlertNotifier</name>
    <message>
        <source>UnMoGrowP Console alerts</source>
        <translation>Alarme der UnMoGrowP Console</translation>
    </message>
    <message>
        <source>Alert %1 is firing</source>
        <translation>Alarm %1 wurde ausgelöst</translation>
    </message>
    <message>
        <source>Alert %1 %2 is firing</source>
        <translation>Alarm %1 %2 wurde ausgelöst</translation>
    </message>
    <message>
        <source>Show Alerts</source>
        <translation>Alarme anzeigen</translation>
    </message>
</context>
<context>
    <name>umg::AlertRulesModel</name>
    <message>
        <source>%1 (evaluation failed)</source>
        <translation>%1 (Auswertung fehlgeschlagen)</translation>
    </message>
    <message>
        <source>Open the runbook of %1 in the browser</source>
        <translation>Das Runbook von %1 im Browser öffnen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Runbook</source>
        <translation>Runbook</translation>
    </message>
</context>
<context>
    <name>umg::AlertThresholdSettings</name>
    <message>
        <source>The stored alert threshold %1 = %2 was ignored: %3. Set it again in the Alerts view.</source>
        <translation>Der gespeicherte Alarmschwellenwert %1 = %2 wurde ignoriert: %3. Legen Sie ihn in der Alarmansicht erneut fest.</translation>
    </message>
</context>
<context>
    <name>umg::AlertsView</name>
    <message numerus="yes">
        <source>%n state change(s) from %1 to %2.</source>
        <translation>
            <numerusform>%n Zustandswechsel von %1 bis %2.</numerusform>
            <numerusform>%n Zustandswechsel von %1 bis %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for the first evaluation…</source>
        <translation>Warten auf die erste Auswertung…</translation>
    </message>
    <message>
        <source>&amp;Evaluate Now</source>
        <translation>Jetzt a&amp;uswerten</translation>
    </message>
    <message>
        <source>&amp;Thresholds…</source>
        <translation>&amp;Schwellenwerte…</translation>
    </message>
    <message>
        <source>Edit the values the alert rules compare with</source>
        <translation>Die Werte bearbeiten, mit denen die Alarmregeln vergleichen</translation>
    </message>
    <message>
        <source>&amp;Load Thresholds File…</source>
        <translation>Schwellenwert&amp;datei laden…</translation>
    </message>
    <message>
        <source>Read NAME=VALUE lines, as unmogrowp-node --thresholds-file does</source>
        <translation>NAME=WERT-Zeilen lesen, wie es unmogrowp-node --thresholds-file tut</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>State filter</source>
        <translation>Zustandsfilter</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>Schweregrad:</translation>
    </message>
    <message>
        <source>Severity filter</source>
        <translation>Schweregradfilter</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>Alle Schweregrade</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Search rules, labels and summaries</source>
        <translation>Regeln, Labels und Zusammenfassungen durchsuchen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Alert history&lt;/b&gt;</source>
        <translation>&lt;b&gt;Alarmverlauf&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Alert history time range</source>
        <translation>Zeitraum des Alarmverlaufs</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>The alert thresholds were not applied: %1</source>
        <translation>Die Alarmschwellenwerte wurden nicht übernommen: %1</translation>
    </message>
    <message>
        <source>The thresholds file was not loaded: %1</source>
        <translation>Die Schwellenwertdatei wurde nicht geladen: %1</translation>
    </message>
    <message>
        <source>Thresholds: the catalogue&apos;s defaults.</source>
        <translation>Schwellenwerte: die Standardwerte des Katalogs.</translation>
    </message>
    <message>
        <source>Thresholds changed from the defaults: %1.</source>
        <translation>Von den Standardwerten abweichende Schwellenwerte: %1.</translation>
    </message>
    <message>
        <source>Load Alert Thresholds</source>
        <translation>Alarmschwellenwerte laden</translation>
    </message>
    <message>
        <source>Threshold files (*.conf *.txt *.env);;All files (*)</source>
        <translation>Schwellenwertdateien (*.conf *.txt *.env);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Evaluated %1 rules at %2: %3 firing, %4 pending. Next evaluation in %5 s.</source>
        <translation>%1 Regeln um %2 ausgewertet: %3 ausgelöst, %4 ausstehend. Nächste Auswertung in %5 s.</translation>
    </message>
    <message>
        <source>The runbook %1 could not be opened; no browser is set up for web links.</source>
        <translation>Das Runbook %1 konnte nicht geöffnet werden; für Weblinks ist kein Browser eingerichtet.</translation>
    </message>
</context>
<context>
    <name>umg::AttachNodeDialog</name>
    <message>
        <source>Attach Node</source>
        <translation>Knoten anbinden</translation>
    </message>
    <message>
        <source>Attach an engine node started with &quot;unmogrowp-node serve&quot;. The console polls its status and metrics every few seconds.</source>
        <translation>Binden Sie einen mit &quot;unmogrowp-node serve&quot; gestarteten Engine-Knoten an. Die Konsole fragt alle paar Sekunden seinen Status und seine Metriken ab.</translation>
    </message>
    <message>
        <source>https://node.example:8080</source>
        <translation>https://node.example:8080</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>First line of the node&apos;s --token-file; empty if it has none</source>
        <translation>Erste Zeile der --token-file des Knotens; leer, wenn er keine hat</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>&amp;Verify the TLS certificate</source>
        <translation>TLS-&amp;Zertifikat prüfen</translation>
    </message>
    <message>
        <source>Without certificate verification, anyone on the network path can pose as the node and read its token. Turn it off only for a test node on a network you trust.</source>
        <translation>Ohne Zertifikatsprüfung kann sich jeder auf dem Netzwerkpfad als der Knoten ausgeben und sein Token lesen. Schalten Sie sie nur für einen Testknoten in einem vertrauenswürdigen Netzwerk ab.</translation>
    </message>
    <message>
        <source>Test &amp;connection</source>
        <translation>Verbindung te&amp;sten</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Anbinden</translation>
    </message>
    <message>
        <source>Edit Node</source>
        <translation>Knoten bearbeiten</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Connected: UnMoGrowP node %1, health %2, running for %3 s, answered in %4 ms.</source>
        <translation>Verbunden: UnMoGrowP-Knoten %1, Zustand %2, läuft seit %3 s, Antwort in %4 ms.</translation>
    </message>
    <message>
        <source>Problems: %1</source>
        <translation>Probleme: %1</translation>
    </message>
</context>
<context>
    <name>umg::AttachPrometheusDialog</name>
    <message>
        <source>Attach Prometheus</source>
        <translation>Prometheus anbinden</translation>
    </message>
    <message>
        <source>Use a Prometheus server that scrapes your nodes as a data source: the dashboards then send their queries to its HTTP API.</source>
        <translation>Verwenden Sie einen Prometheus-Server, der Ihre Knoten abfragt, als Datenquelle: Die Dashboards senden ihre Abfragen dann an seine HTTP-API.</translation>
    </message>
    <message>
        <source>http://prometheus.example:9090</source>
        <translation>http://prometheus.example:9090</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Basic (user name and password)</source>
        <translation>Basic (Benutzername und Passwort)</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Authentifizierung:</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>Benutzer&amp;name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>The server&apos;s scrape interval; rate windows span at least four of them.</source>
        <translation>Das Scrape-Intervall des Servers; Ratenfenster umfassen mindestens vier davon.</translation>
    </message>
    <message>
        <source>&amp;Scrape interval:</source>
        <translation>Scrape-&amp;Intervall:</translation>
    </message>
    <message>
        <source>&amp;Verify the TLS certificate</source>
        <translation>TLS-&amp;Zertifikat prüfen</translation>
    </message>
    <message>
        <source>Without certificate verification, anyone on the network path can pose as the server and read its credentials. Turn it off only for a test server on a network you trust.</source>
        <translation>Ohne Zertifikatsprüfung kann sich jeder auf dem Netzwerkpfad als der Server ausgeben und seine Zugangsdaten lesen. Schalten Sie sie nur für einen Testserver in einem vertrauenswürdigen Netzwerk ab.</translation>
    </message>
    <message>
        <source>Test &amp;connection</source>
        <translation>Verbindung te&amp;sten</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Anbinden</translation>
    </message>
    <message>
        <source>Edit Prometheus Server</source>
        <translation>Prometheus-Server bearbeiten</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Enter the user name for basic authentication, or choose another authentication.</source>
        <translation>Geben Sie den Benutzernamen für die Basic-Authentifizierung ein oder wählen Sie eine andere Authentifizierung.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>The server responded, but not like a Prometheus server. Check the URL.</source>
        <translation>Der Server hat geantwortet, aber nicht wie ein Prometheus-Server. Prüfen Sie die URL.</translation>
    </message>
    <message>
        <source>Connected: Prometheus %1, answered in %2 ms.</source>
        <translation>Verbunden: Prometheus %1, Antwort in %2 ms.</translation>
    </message>
</context>
<context>
    <name>umg::BarChartWidget</name>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Target %1 (%2)</source>
        <translation>Zielwert %1 (%2)</translation>
    </message>
</context>
<context>
    <name>umg::ConsoleCommandLine</name>
    <message>
        <source>UnMoGrowP Console: operations console with an embedded mobile-attribution engine.</source>
        <translation>UnMoGrowP Console: Betriebskonsole mit eingebetteter Engine für Mobile-Attribution.</translation>
    </message>
    <message>
        <source>Start the demo workload at once (the default).</source>
        <translation>Den Demo-Workload sofort starten (Standard).</translation>
    </message>
    <message>
        <source>Start with the demo workload paused.</source>
        <translation>Mit angehaltenem Demo-Workload starten.</translation>
    </message>
    <message>
        <source>Demo rate in events per second, %1 to %2 (default: the last rate used, first %3).</source>
        <translation>Demo-Rate in Ereignissen pro Sekunde, %1 bis %2 (Standard: die zuletzt verwendete Rate, anfangs %3).</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>Folder for the engine database, the metric history and the customer records (default: the application data folder).</source>
        <translation>Ordner für die Engine-Datenbank, den Metrikverlauf und die Kundendatensätze (Standard: der Datenordner der Anwendung).</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Before quitting, save one PNG per dashboard and one of the Customers view into this folder.</source>
        <translation>Vor dem Beenden ein PNG je Dashboard und eines der Kundenansicht in diesem Ordner speichern.</translation>
    </message>
    <message>
        <source>Quit after this many seconds (with --screenshot-dir, after saving).</source>
        <translation>Nach so vielen Sekunden beenden (mit --screenshot-dir nach dem Speichern).</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Dashboard to show first: %1 (default: the last one shown).</source>
        <translation>Zuerst angezeigtes Dashboard: %1 (Standard: das zuletzt angezeigte).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Serve the engine&apos;s metrics in the Prometheus text format at this loopback address, such as 127.0.0.1:9464.</source>
        <translation>Die Metriken der Engine im Prometheus-Textformat unter dieser Loopback-Adresse bereitstellen, etwa 127.0.0.1:9464.</translation>
    </message>
    <message>
        <source>address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Run with --help to list the options.</source>
        <translation>Starten Sie mit --help, um die Optionen anzuzeigen.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>Unerwartetes Argument „%1“.</translation>
    </message>
    <message>
        <source>Options --demo and --no-demo exclude each other; pass one of them.</source>
        <translation>Die Optionen --demo und --no-demo schließen sich gegenseitig aus; geben Sie nur eine davon an.</translation>
    </message>
    <message>
        <source>Option --demo-rate is &quot;%1&quot;; use a number of events per second from %2 to %3.</source>
        <translation>Die Option --demo-rate ist „%1“; geben Sie eine Anzahl Ereignisse pro Sekunde von %2 bis %3 an.</translation>
    </message>
    <message>
        <source>Option --quit-after is &quot;%1&quot;; use a number of seconds greater than 0.</source>
        <translation>Die Option --quit-after ist „%1“; geben Sie eine Anzahl Sekunden größer als 0 an.</translation>
    </message>
    <message>
        <source>Option --screenshot-dir needs --quit-after, which sets when the screenshots are taken.</source>
        <translation>Die Option --screenshot-dir erfordert --quit-after, das festlegt, wann die Screenshots aufgenommen werden.</translation>
    </message>
    <message>
        <source>Option --dashboard is &quot;%1&quot;; use one of %2.</source>
        <translation>Die Option --dashboard ist „%1“; verwenden Sie einen der Werte %2.</translation>
    </message>
    <message>
        <source>Option --metrics-listen is &quot;%1&quot;; use a loopback address with a port, such as 127.0.0.1:9464 or [::1]:9464.</source>
        <translation>Die Option --metrics-listen ist „%1“; geben Sie eine Loopback-Adresse mit Port an, etwa 127.0.0.1:9464 oder [::1]:9464.</translation>
    </message>
    <message>
        <source>Option --data-dir is &quot;%1&quot;, which is a file; give a folder.</source>
        <translation>Die Option --data-dir ist „%1“, eine Datei; geben Sie einen Ordner an.</translation>
    </message>
    <message>
        <source>Option --data-dir is &quot;%1&quot;, and that folder cannot be created; check that its parent folder exists and is writable, or choose another folder.</source>
        <translation>Die Option --data-dir ist „%1“, und dieser Ordner kann nicht angelegt werden; prüfen Sie, ob der übergeordnete Ordner existiert und beschreibbar ist, oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Option --data-dir is &quot;%1&quot;, and that folder is not writable for this user; choose another folder.</source>
        <translation>Die Option --data-dir ist „%1“, und dieser Ordner ist für diesen Benutzer nicht beschreibbar; wählen Sie einen anderen Ordner.</translation>
    </message>
</context>
<context>
    <name>umg::ConsoleLanguage</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The console shows the chosen language from its next start.</source>
        <translation>Die Konsole verwendet die gewählte Sprache ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>&amp;Systemsprache</translation>
    </message>
    <message>
        <source>&amp;English</source>
        <comment>language name, always in English</comment>
        <translation>&amp;English</translation>
    </message>
    <message>
        <source>&amp;Deutsch</source>
        <comment>language name, always in German</comment>
        <translation>&amp;Deutsch</translation>
    </message>
</context>
<context>
    <name>umg::ConsoleLoadTestRunner</name>
    <message>
        <source>the embedded engine</source>
        <translation>die eingebettete Engine</translation>
    </message>
    <message>
        <source>%1 events/s for %2 s against %3</source>
        <translation>%1 Ereignisse/s für %2 s gegen %3</translation>
    </message>
    <message>
        <source>The load-test settings are invalid: %1.</source>
        <translation>Die Lasttest-Einstellungen sind ungültig: %1.</translation>
    </message>
    <message>
        <source>The embedded engine is not running. Start the load test again when the status bar says the engine runs.</source>
        <translation>Die eingebettete Engine läuft nicht. Starten Sie den Lasttest erneut, sobald die Statusleiste meldet, dass die Engine läuft.</translation>
    </message>
    <message>
        <source>The load test failed: %1</source>
        <translation>Der Lasttest ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The load-test runs in %1 cannot be read or written: %2. Check that the folder is writable and the disk has space.</source>
        <translation>Die Lasttestläufe in %1 können nicht gelesen oder geschrieben werden: %2. Prüfen Sie, ob der Ordner beschreibbar ist und auf dem Datenträger genug Platz frei ist.</translation>
    </message>
</context>
<context>
    <name>umg::CsvImportReportDialog</name>
    <message>
        <source>CSV import</source>
        <translation>CSV-Import</translation>
    </message>
    <message>
        <source>Imported %1: customers added: %2, updated: %3, rows skipped: %4.</source>
        <translation>%1 importiert: Kunden hinzugefügt: %2, aktualisiert: %3, Zeilen übersprungen: %4.</translation>
    </message>
    <message>
        <source>Fix the rows listed below and import the file again; customers imported already are replaced, not added twice.</source>
        <translation>Korrigieren Sie die unten aufgeführten Zeilen und importieren Sie die Datei erneut; bereits importierte Kunden werden ersetzt, nicht doppelt hinzugefügt.</translation>
    </message>
</context>
<context>
    <name>umg::CsvRowErrorModel</name>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>umg::CustomerDialog</name>
    <message>
        <source>Discovery</source>
        <translation>Discovery</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Setup</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>Launch</translation>
    </message>
    <message>
        <source>Add pilot customer</source>
        <translation>Pilotkunden hinzufügen</translation>
    </message>
    <message>
        <source>Edit pilot customer</source>
        <translation>Pilotkunden bearbeiten</translation>
    </message>
    <message>
        <source>letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, such as acme-games</source>
        <translation>Buchstaben, Ziffern, „.“, „_“ und „-“, etwa acme-games</translation>
    </message>
    <message>
        <source>Customer ID:</source>
        <translation>Kunden-ID:</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>Unternehmen:</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Tarif:</translation>
    </message>
    <message>
        <source>Monthly recurring revenue:</source>
        <translation>Monatlich wiederkehrender Umsatz:</translation>
    </message>
    <message>
        <source>app ids separated by &apos;;&apos;, such as com.example.game;id1234567890</source>
        <translation>App-IDs, getrennt durch „;“, etwa com.example.game;id1234567890</translation>
    </message>
    <message>
        <source>Apps:</source>
        <translation>Apps:</translation>
    </message>
    <message>
        <source>Monthly cost before the pilot:</source>
        <translation>Monatliche Kosten vor dem Pilotprojekt:</translation>
    </message>
    <message>
        <source>Monthly cost with UnMoGrowP:</source>
        <translation>Monatliche Kosten mit UnMoGrowP:</translation>
    </message>
    <message>
        <source>reached on</source>
        <translation>erreicht am</translation>
    </message>
    <message>
        <source>date:score entries separated by &apos;;&apos;, such as 2026-11-01:92;2026-11-15:95</source>
        <translation>Einträge Datum:Wert, getrennt durch „;“, etwa 2026-11-01:92;2026-11-15:95</translation>
    </message>
    <message>
        <source>Satisfaction surveys:</source>
        <translation>Zufriedenheitsumfragen:</translation>
    </message>
    <message>
        <source>id:severity:opened[:closed] separated by &apos;;&apos;, such as T-7:high:2026-10-05</source>
        <translation>ID:Schweregrad:Eröffnungsdatum[:Schließdatum], getrennt durch „;“, etwa T-7:high:2026-10-05</translation>
    </message>
    <message>
        <source>Support tickets:</source>
        <translation>Supporttickets:</translation>
    </message>
    <message>
        <source>Technical success</source>
        <translation>Technischer Erfolg</translation>
    </message>
    <message>
        <source>Business success</source>
        <translation>Geschäftlicher Erfolg</translation>
    </message>
    <message>
        <source>Success flags:</source>
        <translation>Erfolgskennzeichen:</translation>
    </message>
    <message>
        <source>The customer could not be read from the fields; check every field and try again.</source>
        <translation>Der Kunde konnte nicht aus den Feldern gelesen werden; prüfen Sie alle Felder und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>A customer with the ID &quot;%1&quot; exists already. Choose another ID, or close this dialog and edit that customer.</source>
        <translation>Ein Kunde mit der ID „%1“ existiert bereits. Wählen Sie eine andere ID oder schließen Sie diesen Dialog und bearbeiten Sie diesen Kunden.</translation>
    </message>
</context>
<context>
    <name>umg::CustomerRepository</name>
    <message>
        <source>The customer database %1 could not be opened: %2. Close other UnMoGrowP consoles that use it, or start the console with --data-dir and another folder.</source>
        <translation>Die Kundendatenbank %1 konnte nicht geöffnet werden: %2. Schließen Sie andere UnMoGrowP-Konsolen, die sie verwenden, oder starten Sie die Konsole mit --data-dir und einem anderen Ordner.</translation>
    </message>
    <message>
        <source>Customer %1 was not added</source>
        <translation>Kunde %1 wurde nicht hinzugefügt</translation>
    </message>
    <message>
        <source>Customer %1 was not saved</source>
        <translation>Kunde %1 wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>Customer %1 was not removed</source>
        <translation>Kunde %1 wurde nicht entfernt</translation>
    </message>
    <message>
        <source>%1 was not imported</source>
        <translation>%1 wurde nicht importiert</translation>
    </message>
    <message>
        <source>The customers were not exported to %1</source>
        <translation>Die Kunden wurden nicht nach %1 exportiert</translation>
    </message>
    <message>
        <source>%1: the customer database is not open.</source>
        <translation>%1: Die Kundendatenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>%1 because the record is not valid:
%2</source>
        <translation>%1, weil der Datensatz ungültig ist:
%2</translation>
    </message>
    <message>
        <source>%1: %2. Check that the disk is not full and that no other UnMoGrowP console writes to %3.</source>
        <translation>%1: %2. Prüfen Sie, ob der Datenträger voll ist oder eine andere UnMoGrowP-Konsole in %3 schreibt.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The customers could not be read from %1: %2.</source>
        <translation>Die Kunden konnten nicht aus %1 gelesen werden: %2.</translation>
    </message>
</context>
<context>
    <name>umg::CustomerTableModel</name>
    <message>
        <source>Discovery</source>
        <translation>Discovery</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Setup</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>Launch</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht begonnen</translation>
    </message>
    <message>
        <source>No survey</source>
        <translation>Keine Umfrage</translation>
    </message>
    <message>
        <source>No baseline</source>
        <translation>Kein Ausgangswert</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Customer ID</source>
        <translation>Kunden-ID</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>MRR</source>
        <translation>MRR</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>Apps</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Zufriedenheit</translation>
    </message>
    <message>
        <source>Cost savings</source>
        <translation>Kosteneinsparung</translation>
    </message>
    <message>
        <source>Open tickets</source>
        <translation>Offene Tickets</translation>
    </message>
    <message>
        <source>Technical success</source>
        <translation>Technischer Erfolg</translation>
    </message>
    <message>
        <source>Business success</source>
        <translation>Geschäftlicher Erfolg</translation>
    </message>
    <message>
        <source>Health score</source>
        <translation>Health Score</translation>
    </message>
</context>
<context>
    <name>umg::CustomersView</name>
    <message>
        <source>Pilot customers</source>
        <translation>Pilotkunden</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Kunden suchen</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV importieren…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Pilot customers: %1. Hover over a health score to see its formula.</source>
        <translation>Pilotkunden: %1. Bewegen Sie den Mauszeiger über einen Health Score, um seine Formel zu sehen.</translation>
    </message>
    <message>
        <source>Exported the customers to %1.</source>
        <translation>Die Kunden wurden nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Remove customer</source>
        <translation>Kunden entfernen</translation>
    </message>
    <message>
        <source>Remove the pilot customer %1? Its record is deleted from the customer database; export the customers first to keep a copy.</source>
        <translation>Den Pilotkunden %1 entfernen? Sein Datensatz wird aus der Kundendatenbank gelöscht; exportieren Sie die Kunden vorher, wenn Sie eine Kopie behalten möchten.</translation>
    </message>
    <message>
        <source>Import customers</source>
        <translation>Kunden importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export customers</source>
        <translation>Kunden exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
</context>
<context>
    <name>umg::DashboardCatalogue</name>
    <message>
        <source>Performance</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Event processing rate</source>
        <translation>Ereignisverarbeitungsrate</translation>
    </message>
    <message>
        <source>Events the engine processed per second over the last minute, against the target of 1,000,000 events/s.</source>
        <translation>Von der Engine in der letzten Minute pro Sekunde verarbeitete Ereignisse, gemessen am Zielwert von 1.000.000 Ereignissen/s.</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>P95 processing latency</source>
        <translation>P95-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>95th percentile of the time from acceptance to the attribution decision over the last minute, against the target of 100 ms.</source>
        <translation>95. Perzentil der Zeit von der Annahme bis zur Attributionsentscheidung in der letzten Minute, gemessen am Zielwert von 100 ms.</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <source>Share of the time range in which the engine was up, against the target of 99.9 %.</source>
        <translation>Anteil des Zeitraums, in dem die Engine lief, gemessen am Zielwert von 99,9 %.</translation>
    </message>
    <message>
        <source>Attribution accuracy</source>
        <translation>Attributionsgenauigkeit</translation>
    </message>
    <message>
        <source>Installs whose attribution agrees with their reference attribution, over the time range, against the target of 99 %.</source>
        <translation>Installationen im Zeitraum, deren Attribution mit ihrer Referenzattribution übereinstimmt, gemessen am Zielwert von 99 %.</translation>
    </message>
    <message>
        <source>Throughput over time</source>
        <translation>Durchsatz im Zeitverlauf</translation>
    </message>
    <message>
        <source>Events processed per second by event type. The 1,000,000 events/s target is on the rate gauge, so that this chart keeps its detail.</source>
        <translation>Pro Sekunde verarbeitete Ereignisse nach Ereignistyp. Der Zielwert von 1.000.000 Ereignissen/s steht auf der Ratenanzeige, damit dieses Diagramm seine Details behält.</translation>
    </message>
    <message>
        <source>Latency percentiles over time</source>
        <translation>Latenzperzentile im Zeitverlauf</translation>
    </message>
    <message>
        <source>P50, P95 and P99 processing latency, against the P95 target of 100 ms.</source>
        <translation>P50-, P95- und P99-Verarbeitungslatenz, gemessen am P95-Zielwert von 100 ms.</translation>
    </message>
    <message>
        <source>P50</source>
        <translation>P50</translation>
    </message>
    <message>
        <source>P95</source>
        <translation>P95</translation>
    </message>
    <message>
        <source>P99</source>
        <translation>P99</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>Share of processed events that were rejected, against the target of 0.1 %.</source>
        <translation>Anteil der verarbeiteten Ereignisse, die abgelehnt wurden, gemessen am Zielwert von 0,1 %.</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <source>Resident memory of the engine process and the size of its database.</source>
        <translation>Residenter Speicher des Engine-Prozesses und Größe seiner Datenbank.</translation>
    </message>
    <message>
        <source>Resident memory</source>
        <translation>Residenter Speicher</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>Active connections</source>
        <translation>Aktive Verbindungen</translation>
    </message>
    <message>
        <source>Open HTTP clients and Kafka consumers; more than 5,000 exhausts the connection pool.</source>
        <translation>Offene HTTP-Clients und Kafka-Consumer; mehr als 5.000 erschöpfen den Verbindungspool.</translation>
    </message>
    <message>
        <source>Service health</source>
        <translation>Dienststatus</translation>
    </message>
    <message>
        <source>1 means healthy. Services that this setup does not run are left out.</source>
        <translation>1 bedeutet intakt. Dienste, die in dieser Umgebung nicht laufen, werden ausgelassen.</translation>
    </message>
    <message>
        <source>Attribution engine</source>
        <translation>Attributions-Engine</translation>
    </message>
    <message>
        <source>Attribution workers</source>
        <translation>Attributions-Worker</translation>
    </message>
    <message>
        <source>Storage writer</source>
        <translation>Storage-Writer</translation>
    </message>
    <message>
        <source>Worker queues below 90 %</source>
        <translation>Worker-Warteschlangen unter 90 %</translation>
    </message>
    <message>
        <source>Kafka</source>
        <translation>Kafka</translation>
    </message>
    <message>
        <source>ClickHouse</source>
        <translation>ClickHouse</translation>
    </message>
    <message>
        <source>Installs by outcome</source>
        <translation>Installationen nach Ergebnis</translation>
    </message>
    <message>
        <source>Installs decided in the time range: credited to a touch, organic, or rejected by an app&apos;s fraud policy.</source>
        <translation>Im Zeitraum entschiedene Installationen: einem Touchpoint zugeschrieben, organisch oder durch die Betrugsrichtlinie einer App abgelehnt.</translation>
    </message>
    <message>
        <source>Attributed</source>
        <translation>Attribuiert</translation>
    </message>
    <message>
        <source>Organic</source>
        <translation>Organisch</translation>
    </message>
    <message>
        <source>Rejected as fraud</source>
        <translation>Als Betrug abgelehnt</translation>
    </message>
    <message>
        <source>installs</source>
        <translation>Installationen</translation>
    </message>
    <message>
        <source>Fraud flags by reason</source>
        <translation>Betrugsmarkierungen nach Grund</translation>
    </message>
    <message>
        <source>Fraud flags raised in the time range: click-to-install time too short, or click flooding.</source>
        <translation>Im Zeitraum gesetzte Betrugsmarkierungen: Zeit zwischen Klick und Installation zu kurz oder Click-Flooding.</translation>
    </message>
    <message>
        <source>flags</source>
        <translation>Markierungen</translation>
    </message>
    <message>
        <source>Customer success</source>
        <translation>Kundenerfolg</translation>
    </message>
    <message>
        <source>Pilot customers</source>
        <translation>Pilotkunden</translation>
    </message>
    <message>
        <source>Pilot customers on record, against the target of 5.</source>
        <translation>Erfasste Pilotkunden, gemessen am Zielwert von 5.</translation>
    </message>
    <message>
        <source>Customer satisfaction</source>
        <translation>Kundenzufriedenheit</translation>
    </message>
    <message>
        <source>Mean of each customer&apos;s latest satisfaction survey, against the target of 90 %.</source>
        <translation>Mittelwert der jeweils neuesten Zufriedenheitsumfrage jedes Kunden, gemessen am Zielwert von 90 %.</translation>
    </message>
    <message>
        <source>Successful pilot customers</source>
        <translation>Erfolgreiche Pilotkunden</translation>
    </message>
    <message>
        <source>Pilot customers with both success flags set, against the target of 80 %; an alert fires below 60 %.</source>
        <translation>Pilotkunden mit beiden gesetzten Erfolgskennzeichen, gemessen am Zielwert von 80 %; unter 60 % wird ein Alarm ausgelöst.</translation>
    </message>
    <message>
        <source>Estimated monthly recurring revenue</source>
        <translation>Geschätzter monatlich wiederkehrender Umsatz</translation>
    </message>
    <message>
        <source>Sum of the monthly recurring revenue of all pilot-customer records.</source>
        <translation>Summe des monatlich wiederkehrenden Umsatzes aller Pilotkunden-Datensätze.</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>pro Monat</translation>
    </message>
    <message>
        <source>Attribution accuracy per customer</source>
        <translation>Attributionsgenauigkeit pro Kunde</translation>
    </message>
    <message>
        <source>Agreement of each customer&apos;s attributed installs with the reference attribution, against the target of 99 %.</source>
        <translation>Übereinstimmung der attribuierten Installationen jedes Kunden mit der Referenzattribution, gemessen am Zielwert von 99 %.</translation>
    </message>
    <message>
        <source>Cost savings per customer</source>
        <translation>Kosteneinsparung pro Kunde</translation>
    </message>
    <message>
        <source>Saving against each customer&apos;s cost before the pilot, against the target range of 30–50 %.</source>
        <translation>Einsparung gegenüber den Kosten jedes Kunden vor dem Pilotprojekt, gemessen am Zielbereich von 30–50 %.</translation>
    </message>
    <message>
        <source>Business impact: attributed installs</source>
        <translation>Geschäftlicher Nutzen: attribuierte Installationen</translation>
    </message>
    <message>
        <source>Installs credited to a paid touch in the time range, per customer.</source>
        <translation>Im Zeitraum einem bezahlten Touchpoint zugeschriebene Installationen, pro Kunde.</translation>
    </message>
    <message>
        <source>P95 latency per customer</source>
        <translation>P95-Latenz pro Kunde</translation>
    </message>
    <message>
        <source>95th percentile processing latency of each customer&apos;s events, against the SLA of 100 ms.</source>
        <translation>95. Perzentil der Verarbeitungslatenz der Ereignisse jedes Kunden, gemessen am SLA von 100 ms.</translation>
    </message>
    <message>
        <source>In-app revenue per customer</source>
        <translation>In-App-Umsatz pro Kunde</translation>
    </message>
    <message>
        <source>In-app revenue in the time range, all currencies added up.</source>
        <translation>In-App-Umsatz im Zeitraum, alle Währungen zusammengerechnet.</translation>
    </message>
    <message>
        <source>Attribution accuracy over time</source>
        <translation>Attributionsgenauigkeit im Zeitverlauf</translation>
    </message>
    <message>
        <source>Each customer&apos;s attribution accuracy, against the target of 99 %.</source>
        <translation>Attributionsgenauigkeit jedes Kunden, gemessen am Zielwert von 99 %.</translation>
    </message>
    <message>
        <source>Load testing</source>
        <translation>Lasttests</translation>
    </message>
    <message>
        <source>Current throughput</source>
        <translation>Aktueller Durchsatz</translation>
    </message>
    <message>
        <source>Events processed per second over the last minute, against the target of 1,000,000 events/s.</source>
        <translation>In der letzten Minute pro Sekunde verarbeitete Ereignisse, gemessen am Zielwert von 1.000.000 Ereignissen/s.</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsrate</translation>
    </message>
    <message>
        <source>Share of events processed without rejection over the last minute, against the target of 99.9 %.</source>
        <translation>Anteil der in der letzten Minute ohne Ablehnung verarbeiteten Ereignisse, gemessen am Zielwert von 99,9 %.</translation>
    </message>
    <message>
        <source>Latency distribution</source>
        <translation>Latenzverteilung</translation>
    </message>
    <message>
        <source>Processing latency percentiles over the time range, against the P95 target of 100 ms.</source>
        <translation>Perzentile der Verarbeitungslatenz im Zeitraum, gemessen am P95-Zielwert von 100 ms.</translation>
    </message>
    <message>
        <source>Events processed per second, against the target of 1,000,000 events/s.</source>
        <translation>Pro Sekunde verarbeitete Ereignisse, gemessen am Zielwert von 1.000.000 Ereignissen/s.</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>Verarbeitet</translation>
    </message>
    <message>
        <source>Error rate during the test</source>
        <translation>Fehlerrate während des Tests</translation>
    </message>
    <message>
        <source>CPU use under load</source>
        <translation>CPU-Auslastung unter Last</translation>
    </message>
    <message>
        <source>CPU time the console process used per second, in cores.</source>
        <translation>CPU-Zeit, die der Konsolenprozess pro Sekunde verbraucht hat, in Kernen.</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>cores</source>
        <translation>Kerne</translation>
    </message>
    <message>
        <source>Memory under load</source>
        <translation>Arbeitsspeicher unter Last</translation>
    </message>
    <message>
        <source>Resident set size of the console process.</source>
        <translation>Resident Set Size (RSS) des Konsolenprozesses.</translation>
    </message>
    <message>
        <source>Queue depth and backpressure</source>
        <translation>Warteschlangentiefe und Backpressure</translation>
    </message>
    <message>
        <source>Events waiting in the worker queues, and submissions per second that had to wait for queue space.</source>
        <translation>Ereignisse, die in den Worker-Warteschlangen warten, und Übermittlungen pro Sekunde, die auf freien Platz in der Warteschlange warten mussten.</translation>
    </message>
    <message>
        <source>Queued events</source>
        <translation>Ereignisse in Warteschlangen</translation>
    </message>
    <message>
        <source>Backpressure waits per second</source>
        <translation>Backpressure-Wartevorgänge pro Sekunde</translation>
    </message>
    <message>
        <source>Validation summary</source>
        <translation>Validierungszusammenfassung</translation>
    </message>
    <message>
        <source>Each target of the platform with the value measured over the time range.</source>
        <translation>Jeder Zielwert der Plattform mit dem im Zeitraum gemessenen Wert.</translation>
    </message>
    <message>
        <source>Event throughput</source>
        <translation>Ereignisdurchsatz</translation>
    </message>
    <message>
        <source>P99 processing latency</source>
        <translation>P99-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>Customer cost savings</source>
        <translation>Kosteneinsparung der Kunden</translation>
    </message>
    <message>
        <source>Customer onboarding</source>
        <translation>Kunden-Onboarding</translation>
    </message>
    <message>
        <source>Onboarding pipeline</source>
        <translation>Onboarding-Pipeline</translation>
    </message>
    <message>
        <source>Customers that reached each stage: Discovery, Setup, Integration, Launch.</source>
        <translation>Kunden, die die jeweilige Phase erreicht haben: Discovery, Setup, Integration, Launch.</translation>
    </message>
    <message>
        <source>Pilot programme progress</source>
        <translation>Fortschritt des Pilotprogramms</translation>
    </message>
    <message>
        <source>Onboarding stages reached by the pilot customers, of all stages for the five pilot places.</source>
        <translation>Von den Pilotkunden erreichte Onboarding-Phasen, bezogen auf alle Phasen der fünf Pilotplätze.</translation>
    </message>
    <message>
        <source>Average time to launch</source>
        <translation>Durchschnittliche Zeit bis zum Launch</translation>
    </message>
    <message>
        <source>Mean days from Discovery to Launch of the launched customers, against the target of 14 days.</source>
        <translation>Mittlere Anzahl Tage von Discovery bis Launch bei bereits gestarteten Kunden, gemessen am Zielwert von 14 Tagen.</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Time to launch</source>
        <translation>Zeit bis zum Launch</translation>
    </message>
    <message>
        <source>Days from Discovery to Launch per customer; customers not launched yet count the days so far. Target: under 14 days.</source>
        <translation>Tage von Discovery bis Launch pro Kunde; bei noch nicht gestarteten Kunden zählen die bisherigen Tage. Ziel: unter 14 Tagen.</translation>
    </message>
    <message>
        <source>Open support tickets</source>
        <translation>Offene Support-Tickets</translation>
    </message>
    <message>
        <source>Support tickets open today per customer.</source>
        <translation>Heute offene Supporttickets pro Kunde.</translation>
    </message>
    <message>
        <source>tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Customer health score</source>
        <translation>Kunden-Health-Score</translation>
    </message>
    <message>
        <source>Health score per customer, 0 to 100; 70 or more is healthy. The customers view shows the formula.</source>
        <translation>Health Score pro Kunde, 0 bis 100; ab 70 gilt der Kunde als gesund. Die Kundenansicht zeigt die Formel.</translation>
    </message>
    <message>
        <source>Customer health score over time</source>
        <translation>Kunden-Health-Score im Zeitverlauf</translation>
    </message>
    <message>
        <source>Daily health score per customer over the last 30 days, whatever the time range; 70 or more is healthy.</source>
        <translation>Täglicher Health Score pro Kunde über die letzten 30 Tage, unabhängig vom Zeitraum; ab 70 gilt der Kunde als gesund.</translation>
    </message>
    <message>
        <source>Technical and business success</source>
        <translation>Technischer und geschäftlicher Erfolg</translation>
    </message>
    <message>
        <source>Success flags of each pilot customer; a pilot succeeds with both.</source>
        <translation>Erfolgskennzeichen jedes Pilotkunden; ein Pilotprojekt ist erfolgreich, wenn beide gesetzt sind.</translation>
    </message>
    <message>
        <source>Event volume per customer</source>
        <translation>Ereignisvolumen pro Kunde</translation>
    </message>
    <message>
        <source>Events accepted in the time range, per customer.</source>
        <translation>Im Zeitraum angenommene Ereignisse, pro Kunde.</translation>
    </message>
    <message>
        <source>events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Peak throughput</source>
        <translation>Spitzendurchsatz</translation>
    </message>
    <message>
        <source>Highest event rate in the time range, against the target of 1,000,000 events/s.</source>
        <translation>Höchste Ereignisrate im Zeitraum, gemessen am Zielwert von 1.000.000 Ereignissen/s.</translation>
    </message>
    <message>
        <source>Event rate per customer</source>
        <translation>Ereignisrate pro Kunde</translation>
    </message>
    <message>
        <source>Events accepted per second, per customer.</source>
        <translation>Pro Sekunde angenommene Ereignisse, pro Kunde.</translation>
    </message>
</context>
<context>
    <name>umg::DashboardView</name>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Refresh interval</source>
        <translation>Aktualisierungsintervall</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Pause: keep the time range where it is and stop refreshing</source>
        <translation>Pausieren: Zeitraum beibehalten und Aktualisierung anhalten</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>Export the dashboard as PNG…</source>
        <translation>Dashboard als PNG exportieren…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert um %1</translation>
    </message>
    <message>
        <source>The dashboard could not be saved to %1: %2. Choose a folder you can write to.</source>
        <translation>Das Dashboard konnte nicht unter %1 gespeichert werden: %2. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>Export dashboard</source>
        <translation>Dashboard exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Load test failed</source>
        <translation>Lasttest fehlgeschlagen</translation>
    </message>
    <message>
        <source>Stop load test</source>
        <translation>Lasttest stoppen</translation>
    </message>
    <message>
        <source>Start load test</source>
        <translation>Lasttest starten</translation>
    </message>
    <message>
        <source>No load-test runner is available in this version.</source>
        <translation>In dieser Version ist keine Lasttest-Ausführung verfügbar.</translation>
    </message>
</context>
<context>
    <name>umg::EndpointUrl</name>
    <message>
        <source>Enter the URL of the server, such as http://127.0.0.1:8080.</source>
        <translation>Geben Sie die URL des Servers ein, etwa http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http:// or https:// URL. Enter an address such as http://127.0.0.1:8080.</source>
        <translation>„%1“ ist keine http://- oder https://-URL. Geben Sie eine Adresse wie http://127.0.0.1:8080 ein.</translation>
    </message>
    <message>
        <source>The URL &quot;%1&quot; has no host name. Enter an address such as http://127.0.0.1:8080.</source>
        <translation>Die URL „%1“ enthält keinen Hostnamen. Geben Sie eine Adresse wie http://127.0.0.1:8080 ein.</translation>
    </message>
    <message>
        <source>Remove the user name and password from the URL and enter them in the credential fields, which keep them in the system keychain.</source>
        <translation>Entfernen Sie Benutzername und Passwort aus der URL und geben Sie sie in die Felder für die Anmeldedaten ein; diese werden im Schlüsselbund des Systems gespeichert.</translation>
    </message>
</context>
<context>
    <name>umg::EngineSession</name>
    <message>
        <source>The data folder %1 could not be created. Check that its parent folder exists and is writable, or start the console with --data-dir and another folder.</source>
        <translation>Der Datenordner %1 konnte nicht angelegt werden. Prüfen Sie, ob sein übergeordneter Ordner existiert und beschreibbar ist, oder starten Sie die Konsole mit --data-dir und einem anderen Ordner.</translation>
    </message>
    <message>
        <source>The metric history %1 could not be opened: %2. If another UnMoGrowP console uses this folder, close it and try again. If the file is damaged, choose Start fresh, which moves the old databases aside.</source>
        <translation>Der Metrikverlauf %1 konnte nicht geöffnet werden: %2. Falls eine andere UnMoGrowP-Konsole diesen Ordner verwendet, beenden Sie sie und versuchen Sie es erneut. Ist die Datei beschädigt, wählen Sie „Neu beginnen“; dabei werden die alten Datenbanken beiseitegelegt.</translation>
    </message>
    <message>
        <source>The engine database %1 could not be opened: %2. If another UnMoGrowP console or node uses this folder, close it and try again, or start the console with --data-dir and another folder. If the file is damaged, choose Start fresh, which moves the old databases aside.</source>
        <translation>Die Engine-Datenbank %1 konnte nicht geöffnet werden: %2. Falls eine andere UnMoGrowP-Konsole oder ein Knoten diesen Ordner verwendet, beenden Sie diese Instanz und versuchen Sie es erneut, oder starten Sie die Konsole mit --data-dir und einem anderen Ordner. Ist die Datei beschädigt, wählen Sie „Neu beginnen“; dabei werden die alten Datenbanken beiseitegelegt.</translation>
    </message>
    <message>
        <source>Engine stopped</source>
        <translation>Engine gestoppt</translation>
    </message>
    <message>
        <source>Engine starting…</source>
        <translation>Engine startet…</translation>
    </message>
    <message>
        <source>Engine running</source>
        <translation>Engine läuft</translation>
    </message>
    <message>
        <source>Engine restarting…</source>
        <translation>Engine startet neu…</translation>
    </message>
    <message>
        <source>Engine stopping…</source>
        <translation>Engine wird beendet…</translation>
    </message>
    <message>
        <source>Engine failed</source>
        <translation>Engine fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>umg::ExportDialog</name>
    <message>
        <source>PDF document</source>
        <translation>PDF-Dokument</translation>
    </message>
    <message>
        <source>HTML page</source>
        <translation>HTML-Seite</translation>
    </message>
    <message>
        <source>CSV table of the numbers</source>
        <translation>CSV-Tabelle der Zahlen</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>HTML pages (*.html)</source>
        <translation>HTML-Seiten (*.html)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Dashboard report</source>
        <translation>Dashboard-Bericht</translation>
    </message>
    <message>
        <source>Load-test report</source>
        <translation>Lasttestbericht</translation>
    </message>
    <message>
        <source>Customer report</source>
        <translation>Kundenbericht</translation>
    </message>
    <message>
        <source>Goal report</source>
        <translation>Zielbericht</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>&amp;Dashboard:</source>
        <translation>&amp;Dashboard:</translation>
    </message>
    <message>
        <source>&amp;Run:</source>
        <translation>&amp;Lauf:</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>Time range of the metric history that latency, uptime and error rate are read from</source>
        <translation>Zeitraum des Metrikverlaufs, aus dem Latenz, Verfügbarkeit und Fehlerrate gelesen werden</translation>
    </message>
    <message>
        <source>&amp;Time range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>Da&amp;tei:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
</context>
<context>
    <name>umg::ExportMenu</name>
    <message>
        <source>Started %1; did not complete.</source>
        <translation>Gestartet am %1; nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>Started %1; met every target.</source>
        <translation>Gestartet am %1; alle Zielwerte erreicht.</translation>
    </message>
    <message>
        <source>Started %1; missed a target.</source>
        <translation>Gestartet am %1; ein Zielwert verfehlt.</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;Dashboard…</source>
        <translation>&amp;Dashboard…</translation>
    </message>
    <message>
        <source>&amp;Load-test run…</source>
        <translation>&amp;Lasttestlauf…</translation>
    </message>
    <message>
        <source>&amp;Customer report…</source>
        <translation>&amp;Kundenbericht…</translation>
    </message>
    <message>
        <source>&amp;Goal report…</source>
        <translation>&amp;Zielbericht…</translation>
    </message>
    <message>
        <source>Write a %1 as PDF, HTML or CSV</source>
        <translation>Einen %1 als PDF, HTML oder CSV schreiben</translation>
    </message>
    <message>
        <source>A report is being exported. Start the next one when it is written.</source>
        <translation>Ein Bericht wird gerade exportiert. Starten Sie den nächsten, sobald er geschrieben ist.</translation>
    </message>
    <message>
        <source>Writing the report to %1…</source>
        <translation>Bericht wird nach %1 geschrieben…</translation>
    </message>
    <message>
        <source>Time range: %1, as the dashboard shows it.</source>
        <translation>Zeitraum: %1, wie ihn das Dashboard anzeigt.</translation>
    </message>
    <message>
        <source>Customer id %1, plan %2.</source>
        <translation>Kunden-ID %1, Tarif %2.</translation>
    </message>
    <message>
        <source>No pilot customer is on record. Add one in the Customers view first.</source>
        <translation>Es ist kein Pilotkunde erfasst. Fügen Sie zuerst in der Kundenansicht einen hinzu.</translation>
    </message>
    <message>
        <source>Reading the stored runs…</source>
        <translation>Gespeicherte Läufe werden gelesen…</translation>
    </message>
    <message>
        <source>Run %1: %2 (%3)</source>
        <translation>Lauf %1: %2 (%3)</translation>
    </message>
    <message>
        <source>No load-test run is stored yet. Run a load test on the Load testing dashboard first.</source>
        <translation>Es ist noch kein Lasttestlauf gespeichert. Führen Sie zuerst auf dem Dashboard „Lasttests“ einen Lasttest aus.</translation>
    </message>
    <message>
        <source>Measures every target of the pilot programme from the metric history, the engine&apos;s database, the newest completed load-test run and the customer records.</source>
        <translation>Misst jeden Zielwert des Pilotprogramms anhand des Metrikverlaufs, der Engine-Datenbank, des neuesten abgeschlossenen Lasttestlaufs und der Kundendatensätze.</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Bericht nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>&amp;Alerting rules…</source>
        <translation>&amp;Alarmregeln…</translation>
    </message>
    <message>
        <source>Write the alert rules with the console&apos;s thresholds as a Prometheus rule file</source>
        <translation>Die Alarmregeln mit den Schwellenwerten der Konsole als Prometheus-Regeldatei schreiben</translation>
    </message>
    <message>
        <source>&amp;Server stack…</source>
        <translation>&amp;Server-Stack…</translation>
    </message>
    <message>
        <source>Write the configuration of Prometheus, Alertmanager and Grafana for the nodes</source>
        <translation>Die Konfiguration von Prometheus, Alertmanager und Grafana für die Knoten schreiben</translation>
    </message>
    <message>
        <source>Written to %1.</source>
        <translation>Nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>Export Alerting Rules</source>
        <translation>Alarmregeln exportieren</translation>
    </message>
    <message>
        <source>Prometheus rule files (*.yml *.yaml)</source>
        <translation>Prometheus-Regeldateien (*.yml *.yaml)</translation>
    </message>
</context>
<context>
    <name>umg::FetchMessages</name>
    <message>
        <source>%1 refused the connection. Check that the server runs and listens on this address and port.</source>
        <translation>%1 hat die Verbindung abgelehnt. Prüfen Sie, ob der Server läuft und auf dieser Adresse und diesem Port lauscht.</translation>
    </message>
    <message>
        <source>The host %1 was not found. Check the spelling of the URL.</source>
        <translation>Der Host %1 wurde nicht gefunden. Prüfen Sie die Schreibweise der URL.</translation>
    </message>
    <message>
        <source>%1 closed the connection before it responded. If the server uses HTTPS, the URL must start with https://.</source>
        <translation>%1 hat die Verbindung vor einer Antwort geschlossen. Wenn der Server HTTPS verwendet, muss die URL mit https:// beginnen.</translation>
    </message>
    <message>
        <source>The request to %1 failed: %2. Check the URL and the network connection.</source>
        <translation>Die Anfrage an %1 ist fehlgeschlagen: %2. Prüfen Sie die URL und die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>%1 did not respond within %2 seconds. Check that the address is right and that no firewall drops the connection.</source>
        <translation>%1 hat nicht innerhalb von %2 Sekunden geantwortet. Prüfen Sie, ob die Adresse stimmt und keine Firewall die Verbindung verwirft.</translation>
    </message>
    <message>
        <source>The response of %1 is larger than %2 and was discarded. Check that the URL points to the right server.</source>
        <translation>Die Antwort von %1 ist größer als %2 und wurde verworfen. Prüfen Sie, ob die URL auf den richtigen Server zeigt.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2. If the server uses plain HTTP, the URL must start with http://. If its certificate is self-signed, install its certificate authority on this computer, or turn off certificate verification for a test server only.</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen: %2. Wenn der Server einfaches HTTP verwendet, muss die URL mit http:// beginnen. Ist sein Zertifikat selbstsigniert, installieren Sie seine Zertifizierungsstelle auf diesem Computer oder schalten Sie die Zertifikatsprüfung ab – aber nur bei einem Testserver.</translation>
    </message>
    <message>
        <source>%1 redirected the request to %2. Enter that address instead: redirects are not followed, so that credentials only go to the server you entered.</source>
        <translation>%1 hat die Anfrage an %2 umgeleitet. Geben Sie stattdessen diese Adresse ein: Weiterleitungen werden nicht verfolgt, damit Anmeldedaten nur an den von Ihnen eingegebenen Server gehen.</translation>
    </message>
    <message>
        <source>another address</source>
        <translation>eine andere Adresse</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>%1 rejected the credentials (HTTP 401)%2. Enter the right token, user name or password; a node&apos;s token is the first line of the file given to --token-file.</source>
        <translation>%1 hat die Anmeldedaten abgelehnt (HTTP 401)%2. Geben Sie das richtige Token, den richtigen Benutzernamen oder das richtige Passwort ein; das Token eines Knotens steht in der ersten Zeile der mit --token-file angegebenen Datei.</translation>
    </message>
    <message>
        <source>%1 denied access (HTTP 403)%2. Check that these credentials may read this server.</source>
        <translation>%1 hat den Zugriff verweigert (HTTP 403)%2. Prüfen Sie, ob diese Anmeldedaten Lesezugriff auf diesen Server haben.</translation>
    </message>
    <message>
        <source>%1 has no %2 (HTTP 404). Check that the URL points to the server itself, not to another service or a path below it.</source>
        <translation>%1 hat keinen Pfad %2 (HTTP 404). Prüfen Sie, ob die URL auf den Server selbst zeigt und nicht auf einen anderen Dienst oder einen Pfad darunter.</translation>
    </message>
    <message>
        <source>%1 is not ready (HTTP 503)%2. It may be starting or shutting down; the console keeps trying.</source>
        <translation>%1 ist nicht bereit (HTTP 503)%2. Der Server startet möglicherweise gerade oder wird heruntergefahren; die Konsole versucht es weiter.</translation>
    </message>
    <message>
        <source>%1 responded with HTTP %2%3.</source>
        <translation>%1 hat mit HTTP %2%3 geantwortet.</translation>
    </message>
</context>
<context>
    <name>umg::FleetModel</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <source>Events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>Warteschlangentiefe</translation>
    </message>
    <message>
        <source>Kafka lag</source>
        <translation>Kafka-Lag</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Up or down since</source>
        <translation>Verfügbar bzw. ausgefallen seit</translation>
    </message>
    <message>
        <source>%1 (this session only)</source>
        <translation>%1 (nur diese Sitzung)</translation>
    </message>
    <message>
        <source>%1 (certificate not verified)</source>
        <translation>%1 (Zertifikat nicht geprüft)</translation>
    </message>
    <message>
        <source>Retrying in %1 s</source>
        <translation>Neuer Versuch in %1 s</translation>
    </message>
    <message>
        <source>Last answer: %1</source>
        <translation>Letzte Antwort: %1</translation>
    </message>
</context>
<context>
    <name>umg::FleetView</name>
    <message>
        <source>Engine nodes</source>
        <translation>Engine-Knoten</translation>
    </message>
    <message>
        <source>Attach Node…</source>
        <translation>Knoten anbinden…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Detach</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <source>Retry Now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Show on Dashboards</source>
        <translation>In Dashboards anzeigen</translation>
    </message>
    <message>
        <source>No node is attached. Attach one with File &gt; Attach Node…; the console then polls its status and metrics and can show it on the dashboards.</source>
        <translation>Es ist kein Knoten angebunden. Binden Sie einen über Datei &gt; Knoten anbinden… an; die Konsole fragt dann seinen Status und seine Metriken ab und kann ihn in den Dashboards anzeigen.</translation>
    </message>
    <message>
        <source>Prometheus servers</source>
        <translation>Prometheus-Server</translation>
    </message>
    <message>
        <source>Attach Prometheus…</source>
        <translation>Prometheus anbinden…</translation>
    </message>
    <message>
        <source>%1 (this session only)</source>
        <translation>%1 (nur diese Sitzung)</translation>
    </message>
</context>
<context>
    <name>umg::FunnelWidget</name>
    <message>
        <source>%1 of previous
%2 of first</source>
        <translation>%1 der vorherigen Stufe
%2 der ersten Stufe</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
</context>
<context>
    <name>umg::HistoryDataSource</name>
    <message>
        <source>The query returns a range vector or a string; a panel needs a number per series. Wrap range selectors in a function such as rate() or avg_over_time().</source>
        <translation>Die Abfrage liefert einen Range-Vektor oder einen String; ein Panel benötigt eine Zahl pro Serie. Schließen Sie Range-Selektoren in eine Funktion wie rate() oder avg_over_time() ein.</translation>
    </message>
    <message>
        <source>Local metric history</source>
        <translation>Lokaler Metrikverlauf</translation>
    </message>
    <message>
        <source>The metric history is not open yet; the engine is starting or restarting.</source>
        <translation>Der Metrikverlauf ist noch nicht geöffnet; die Engine startet gerade oder startet neu.</translation>
    </message>
    <message>
        <source>The panel query is not valid PromQL: %1</source>
        <translation>Die Panel-Abfrage ist kein gültiges PromQL: %1</translation>
    </message>
    <message>
        <source>The panel query failed: %1</source>
        <translation>Die Panel-Abfrage ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The metric history could not be read: %1. If this persists, reset the demo to start a fresh history.</source>
        <translation>Der Metrikverlauf konnte nicht gelesen werden: %1. Wenn das Problem bestehen bleibt, setzen Sie die Demo zurück, um mit einem neuen Verlauf zu beginnen.</translation>
    </message>
</context>
<context>
    <name>umg::KeychainTokenStore</name>
    <message>
        <source>the keychain service did not respond within %1 seconds; its collection may be locked</source>
        <translation>der Schlüsselbunddienst hat nicht innerhalb von %1 Sekunden geantwortet; seine Sammlung ist möglicherweise gesperrt</translation>
    </message>
</context>
<context>
    <name>umg::LoadTestComparisonModel</name>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Verfehlt</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>Keine Änderung</translation>
    </message>
    <message>
        <source>%1, better</source>
        <translation>%1, besser</translation>
    </message>
    <message>
        <source>%1, worse</source>
        <translation>%1, schlechter</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>First run</source>
        <translation>Erster Lauf</translation>
    </message>
    <message>
        <source>Second run</source>
        <translation>Zweiter Lauf</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
</context>
<context>
    <name>umg::LoadTestProfileLibrary</name>
    <message>
        <source>The load-test profile %1 cannot be used: %2. Fix or delete the file %3.</source>
        <translation>Das Lasttestprofil %1 kann nicht verwendet werden: %2. Korrigieren oder löschen Sie die Datei %3.</translation>
    </message>
    <message>
        <source>The load-test profile %1 was not saved: %2.</source>
        <translation>Das Lasttestprofil %1 wurde nicht gespeichert: %2.</translation>
    </message>
    <message>
        <source>The load-test profile %1 was not deleted: %2.</source>
        <translation>Das Lasttestprofil %1 wurde nicht gelöscht: %2.</translation>
    </message>
</context>
<context>
    <name>umg::LoadTestRunsModel</name>
    <message>
        <source>Pass</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Verfehlt</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>P95</source>
        <translation>P95</translation>
    </message>
    <message>
        <source>P99</source>
        <translation>P99</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
</context>
<context>
    <name>umg::LoadTestText</name>
    <message>
        <source>The token file %1 cannot be read: %2. Choose the node&apos;s token file.</source>
        <translation>Die Token-Datei %1 kann nicht gelesen werden: %2. Wählen Sie die Token-Datei des Knotens.</translation>
    </message>
    <message>
        <source>The token file %1 has no valid token on its first line. Write the node&apos;s token there, without spaces or %.</source>
        <translation>Die Token-Datei %1 enthält in der ersten Zeile kein gültiges Token. Schreiben Sie das Token des Knotens dorthin, ohne Leerzeichen oder %.</translation>
    </message>
    <message>
        <source>Sending time</source>
        <translation>Sendedauer</translation>
    </message>
    <message>
        <source>Offered rate</source>
        <translation>Angebotene Rate</translation>
    </message>
    <message>
        <source>Event throughput</source>
        <translation>Ereignisdurchsatz</translation>
    </message>
    <message>
        <source>Peak throughput</source>
        <translation>Spitzendurchsatz</translation>
    </message>
    <message>
        <source>P50 processing latency</source>
        <translation>P50-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>P75 processing latency</source>
        <translation>P75-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>P90 processing latency</source>
        <translation>P90-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>P95 processing latency</source>
        <translation>P95-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>P99 processing latency</source>
        <translation>P99-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsrate</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>Attribution accuracy</source>
        <translation>Attributionsgenauigkeit</translation>
    </message>
    <message>
        <source>Target availability</source>
        <translation>Verfügbarkeit des Zielsystems</translation>
    </message>
    <message>
        <source>CPU use of the target</source>
        <translation>CPU-Auslastung des Zielsystems</translation>
    </message>
    <message>
        <source>Peak CPU use of the target</source>
        <translation>Maximale CPU-Auslastung des Zielsystems</translation>
    </message>
    <message>
        <source>CPU use of the load test</source>
        <translation>CPU-Auslastung des Lasttests</translation>
    </message>
    <message>
        <source>Resident memory at the start</source>
        <translation>Residenter Speicher zu Beginn</translation>
    </message>
    <message>
        <source>Peak resident memory</source>
        <translation>Maximaler residenter Speicher</translation>
    </message>
    <message>
        <source>Resident memory growth</source>
        <translation>Zuwachs des residenten Speichers</translation>
    </message>
    <message>
        <source>Tracked devices</source>
        <translation>Verfolgte Geräte</translation>
    </message>
    <message>
        <source>Peak memory per million devices</source>
        <translation>Maximaler Speicher pro Million Geräte</translation>
    </message>
    <message>
        <source>Deepest worker queues</source>
        <translation>Maximale Tiefe der Worker-Warteschlangen</translation>
    </message>
    <message>
        <source>Queue capacity</source>
        <translation>Warteschlangenkapazität</translation>
    </message>
    <message>
        <source>Backpressure waits</source>
        <translation>Backpressure-Wartevorgänge</translation>
    </message>
    <message>
        <source>Busy responses retried</source>
        <translation>Wiederholungen nach Busy-Antwort</translation>
    </message>
    <message>
        <source>Events sent</source>
        <translation>Gesendete Ereignisse</translation>
    </message>
    <message>
        <source>Events accepted</source>
        <translation>Angenommene Ereignisse</translation>
    </message>
    <message>
        <source>Events repeated within a request</source>
        <translation>Innerhalb einer Anfrage wiederholte Ereignisse</translation>
    </message>
    <message>
        <source>Events rejected</source>
        <translation>Abgelehnte Ereignisse</translation>
    </message>
    <message>
        <source>Events failed</source>
        <translation>Fehlgeschlagene Ereignisse</translation>
    </message>
    <message>
        <source>Events behind schedule</source>
        <translation>Ereignisse hinter dem Zeitplan</translation>
    </message>
    <message>
        <source>Events processed (target&apos;s count)</source>
        <translation>Verarbeitete Ereignisse (Zählung des Zielsystems)</translation>
    </message>
    <message>
        <source>Events accepted (target&apos;s count)</source>
        <translation>Angenommene Ereignisse (Zählung des Zielsystems)</translation>
    </message>
    <message>
        <source>Events rejected (target&apos;s count)</source>
        <translation>Abgelehnte Ereignisse (Zählung des Zielsystems)</translation>
    </message>
    <message>
        <source>Installs sent</source>
        <translation>Gesendete Installationen</translation>
    </message>
    <message>
        <source>Installs decided (target&apos;s count)</source>
        <translation>Entschiedene Installationen (Zählung des Zielsystems)</translation>
    </message>
    <message>
        <source>Installs with a known source</source>
        <translation>Installationen mit bekannter Quelle</translation>
    </message>
    <message>
        <source>Installs credited to their source</source>
        <translation>Ihrer Quelle zugeschriebene Installationen</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>cores</source>
        <translation>Kerne</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>installs</source>
        <translation>Installationen</translation>
    </message>
    <message>
        <source>devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>submissions</source>
        <translation>Übermittlungen</translation>
    </message>
    <message>
        <source>responses</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <source>Connecting to the target</source>
        <translation>Verbindung zum Zielsystem wird hergestellt</translation>
    </message>
    <message>
        <source>Ramping up</source>
        <translation>Lastaufbau</translation>
    </message>
    <message>
        <source>Running at the full rate</source>
        <translation>Läuft mit voller Rate</translation>
    </message>
    <message>
        <source>Waiting for the target to process the rest</source>
        <translation>Warten, bis das Zielsystem den Rest verarbeitet hat</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
</context>
<context>
    <name>umg::LoadTestView</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Runs and comparison</source>
        <translation>Läufe und Vergleich</translation>
    </message>
    <message>
        <source>Live figures</source>
        <translation>Live-Werte</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>Throughput during the run</source>
        <translation>Durchsatz während des Laufs</translation>
    </message>
    <message>
        <source>Validation summary</source>
        <translation>Validierungszusammenfassung</translation>
    </message>
    <message>
        <source>No load test has run yet.</source>
        <translation>Es wurde noch kein Lasttest ausgeführt.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Saved profiles</source>
        <translation>Gespeicherte Profile</translation>
    </message>
    <message>
        <source>Profiles saved in %1</source>
        <translation>In %1 gespeicherte Profile</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Save these settings as a named profile</source>
        <translation>Diese Einstellungen als benanntes Profil speichern</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected profile</source>
        <translation>Ausgewähltes Profil löschen</translation>
    </message>
    <message>
        <source>embedded, http://HOST:PORT or kafka://BROKERS/TOPIC</source>
        <translation>embedded, http://HOST:PORT oder kafka://BROKERS/TOPIC</translation>
    </message>
    <message>
        <source>embedded sends to the console&apos;s own engine, which the panels below show</source>
        <translation>embedded sendet an die eigene Engine der Konsole, die in den Panels unten angezeigt wird</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>File with the node&apos;s bearer token; the token itself is never shown</source>
        <translation>Datei mit dem Bearer-Token des Knotens; das Token selbst wird nie angezeigt</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Token file of the node</source>
        <translation>Token-Datei des Knotens</translation>
    </message>
    <message>
        <source>Token file</source>
        <translation>Token-Datei</translation>
    </message>
    <message>
        <source>Kafka only: http://HOST:PORT of the consuming node</source>
        <translation>Nur Kafka: http://HOST:PORT des konsumierenden Knotens</translation>
    </message>
    <message>
        <source>Status node</source>
        <translation>Statusknoten</translation>
    </message>
    <message>
        <source> events/s</source>
        <translation> Ereignisse/s</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Ramp-up</source>
        <translation>Lastaufbau</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source> events</source>
        <translation> Ereignisse</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Parallel senders: HTTP connections, or threads that submit to the engine</source>
        <translation>Parallele Sender: HTTP-Verbindungen oder Threads, die an die Engine übermitteln</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>Klicks</translation>
    </message>
    <message>
        <source>Impressions</source>
        <translation>Impressionen</translation>
    </message>
    <message>
        <source>Installs</source>
        <translation>Installationen</translation>
    </message>
    <message>
        <source>In-app events</source>
        <translation>In-App-Ereignisse</translation>
    </message>
    <message>
        <source>Organic share</source>
        <translation>Organischer Anteil</translation>
    </message>
    <message>
        <source>Share of installs from devices that never saw an ad</source>
        <translation>Anteil der Installationen von Geräten, die nie eine Anzeige gesehen haben</translation>
    </message>
    <message>
        <source>Fraud share</source>
        <translation>Betrugsanteil</translation>
    </message>
    <message>
        <source>Share of installs preceded by injected or flooded clicks</source>
        <translation>Anteil der Installationen, denen eingeschleuste Klicks oder Klickfluten vorausgehen</translation>
    </message>
    <message>
        <source>Out-of-order share</source>
        <translation>Anteil außerhalb der Reihenfolge</translation>
    </message>
    <message>
        <source>Share of events sent up to 4 s late</source>
        <translation>Anteil der Ereignisse, die bis zu 4 s verspätet gesendet werden</translation>
    </message>
    <message>
        <source>Fingerprint share</source>
        <translation>Fingerprint-Anteil</translation>
    </message>
    <message>
        <source>Share of devices without an advertising id, matched by IP and user agent</source>
        <translation>Anteil der Geräte ohne Werbe-ID, die über IP-Adresse und User-Agent zugeordnet werden</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>new for every run</source>
        <translation>bei jedem Lauf neu</translation>
    </message>
    <message>
        <source>Show summary</source>
        <translation>Zusammenfassung anzeigen</translation>
    </message>
    <message>
        <source>Show the validation summary of the selected run on the Run tab</source>
        <translation>Die Validierungszusammenfassung des ausgewählten Laufs auf der Registerkarte „Lauf“ anzeigen</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Select two runs to compare them side by side</source>
        <translation>Wählen Sie zwei Läufe aus, um sie nebeneinander zu vergleichen</translation>
    </message>
    <message>
        <source>Delete the selected runs from the console&apos;s database</source>
        <translation>Ausgewählte Läufe aus der Datenbank der Konsole löschen</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>These settings cannot run: %1.</source>
        <translation>Diese Einstellungen können nicht ausgeführt werden: %1.</translation>
    </message>
    <message>
        <source>Save load-test profile</source>
        <translation>Lasttestprofil speichern</translation>
    </message>
    <message>
        <source>Name (letters, digits, spaces, dots, dashes or underscores):</source>
        <translation>Name (Buchstaben, Ziffern, Leerzeichen, Punkte, Bindestriche oder Unterstriche):</translation>
    </message>
    <message>
        <source>(unsaved settings)</source>
        <translation>(nicht gespeicherte Einstellungen)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop after the batches in flight; the summary covers what ran</source>
        <translation>Nach den laufenden Batches stoppen; die Zusammenfassung umfasst, was bis dahin gelaufen ist</translation>
    </message>
    <message>
        <source>%1 elapsed, %2 remaining; %3 events sent, %4 failed</source>
        <translation>%1 vergangen, %2 verbleibend; %3 Ereignisse gesendet, %4 fehlgeschlagen</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Current throughput</source>
        <translation>Aktueller Durchsatz</translation>
    </message>
    <message>
        <source>Events sent per second</source>
        <translation>Pro Sekunde gesendete Ereignisse</translation>
    </message>
    <message>
        <source>P50 latency</source>
        <translation>P50-Latenz</translation>
    </message>
    <message>
        <source>P75 latency</source>
        <translation>P75-Latenz</translation>
    </message>
    <message>
        <source>P90 latency</source>
        <translation>P90-Latenz</translation>
    </message>
    <message>
        <source>P95 latency</source>
        <translation>P95-Latenz</translation>
    </message>
    <message>
        <source>P99 latency</source>
        <translation>P99-Latenz</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsrate</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>CPU use of the target</source>
        <translation>CPU-Auslastung des Zielsystems</translation>
    </message>
    <message>
        <source>cores</source>
        <translation>Kerne</translation>
    </message>
    <message>
        <source>Resident memory of the target</source>
        <translation>Residenter Speicher des Zielsystems</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>Warteschlangentiefe</translation>
    </message>
    <message>
        <source>events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Backpressure per second</source>
        <translation>Backpressure pro Sekunde</translation>
    </message>
    <message>
        <source>waits/s</source>
        <translation>Wartevorgänge/s</translation>
    </message>
    <message>
        <source>Processed by the target</source>
        <translation>Vom Zielsystem verarbeitet</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>The load test failed: %1</source>
        <translation>Der Lasttest ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Every target was met.</source>
        <translation>Alle Zielwerte wurden erreicht.</translation>
    </message>
    <message>
        <source>At least one target was missed.</source>
        <translation>Mindestens ein Zielwert wurde verfehlt.</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; against %3, started %4: %5 %6</source>
        <translation>%1 – „%2“ gegen %3, gestartet am %4: %5 %6</translation>
    </message>
</context>
<context>
    <name>umg::MainWindow</name>
    <message>
        <source>UnMoGrowP Console</source>
        <translation>UnMoGrowP Console</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Flotte</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Replay…</source>
        <translation>&amp;Wiedergabe…</translation>
    </message>
    <message>
        <source>Replay NDJSON, CSV or TalkingData files through the embedded engine</source>
        <translation>NDJSON-, CSV- oder TalkingData-Dateien über die eingebettete Engine wiedergeben</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>&amp;Demo</translation>
    </message>
    <message>
        <source>&amp;Pause demo</source>
        <translation>Demo &amp;pausieren</translation>
    </message>
    <message>
        <source>Pause or resume the built-in traffic generator</source>
        <translation>Integrierten Traffic-Generator pausieren oder fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Reset demo</source>
        <translation>Demo &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Start again with a fresh engine database and an empty metric history</source>
        <translation>Mit einer neuen Engine-Datenbank und einem leeren Metrikverlauf neu beginnen</translation>
    </message>
    <message>
        <source>Demo &amp;rate</source>
        <translation>Demo-&amp;Rate</translation>
    </message>
    <message>
        <source>%1 events/s</source>
        <translation>%1 Ereignisse/s</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About UnMoGrowP Console</source>
        <translation>Ü&amp;ber UnMoGrowP Console</translation>
    </message>
    <message>
        <source>About UnMoGrowP Console</source>
        <translation>Über UnMoGrowP Console</translation>
    </message>
    <message>
        <source>UnMoGrowP Console %1
Operations console with an embedded mobile-attribution engine.
Data folder: %2</source>
        <translation>UnMoGrowP Console %1
Betriebskonsole mit eingebetteter Mobile-Attribution-Engine.
Datenordner: %2</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source> Demo rate: </source>
        <translation> Demo-Rate: </translation>
    </message>
    <message>
        <source>Demo rate</source>
        <translation>Demo-Rate</translation>
    </message>
    <message>
        <source> events/s</source>
        <translation> Ereignisse/s</translation>
    </message>
    <message>
        <source>Replay cancelled. The demo is paused; resume it to feed the engine again.</source>
        <translation>Wiedergabe abgebrochen. Die Demo ist pausiert; setzen Sie sie fort, um die Engine wieder mit Ereignissen zu versorgen.</translation>
    </message>
    <message>
        <source>Replay finished. The demo is paused; resume it to feed the engine again.</source>
        <translation>Wiedergabe beendet. Die Demo ist pausiert; setzen Sie sie fort, um die Engine wieder mit Ereignissen zu versorgen.</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>Daten: %1</translation>
    </message>
    <message>
        <source>No data source</source>
        <translation>Keine Datenquelle</translation>
    </message>
    <message>
        <source>Replay event files</source>
        <translation>Ereignisdateien wiedergeben</translation>
    </message>
    <message>
        <source>Event files (*.ndjson *.jsonl *.json *.csv);;All files (*)</source>
        <translation>Ereignisdateien (*.ndjson *.jsonl *.json *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>A replay is running already. Wait for it to finish or cancel it first.</source>
        <translation>Es läuft bereits eine Wiedergabe. Warten Sie, bis sie beendet ist, oder brechen Sie sie zuerst ab.</translation>
    </message>
    <message>
        <source>The demo is being reset. Start the replay again when the engine runs.</source>
        <translation>Die Demo wird gerade zurückgesetzt. Starten Sie die Wiedergabe erneut, sobald die Engine läuft.</translation>
    </message>
    <message>
        <source>Demo reset: fresh engine database and metric history.</source>
        <translation>Demo zurückgesetzt: neue Engine-Datenbank und neuer Metrikverlauf.</translation>
    </message>
    <message>
        <source>Start fresh</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <source>Resume demo</source>
        <translation>Demo fortsetzen</translation>
    </message>
    <message>
        <source>Pause demo</source>
        <translation>Demo pausieren</translation>
    </message>
    <message>
        <source>Replay running</source>
        <translation>Wiedergabe läuft</translation>
    </message>
    <message>
        <source>Demo paused</source>
        <translation>Demo pausiert</translation>
    </message>
    <message>
        <source>Demo: %1 events/s (set to %2)</source>
        <translation>Demo: %1 Ereignisse/s (eingestellt: %2)</translation>
    </message>
    <message>
        <source>The metrics endpoint could not start: %1. Choose another port with --metrics-listen.</source>
        <translation>Der Metrik-Endpunkt konnte nicht starten: %1. Wählen Sie mit --metrics-listen einen anderen Port.</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>The console shows the chosen language from its next start.</source>
        <translation>Die Konsole verwendet die gewählte Sprache ab dem nächsten Start.</translation>
    </message>
</context>
<context>
    <name>umg::MessageBar</name>
    <message>
        <source>Close this message</source>
        <translation>Diese Meldung schließen</translation>
    </message>
</context>
<context>
    <name>umg::NodeClient</name>
    <message>
        <source>Connecting</source>
        <translation>Verbindung wird hergestellt</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Beeinträchtigt</translation>
    </message>
    <message>
        <source>Draining</source>
        <translation>Wird geleert</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Ausgefallen</translation>
    </message>
    <message>
        <source>Token rejected</source>
        <translation>Token abgelehnt</translation>
    </message>
    <message numerus="yes">
        <source>%n malformed line(s) of the metrics response were skipped; the first is %1.</source>
        <translation>
            <numerusform>%n fehlerhafte Zeile der Metrikantwort wurde übersprungen: %1.</numerusform>
            <numerusform>%n fehlerhafte Zeilen der Metrikantwort wurden übersprungen; die erste ist %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) over the limit per scrape were not recorded.</source>
        <translation>
            <numerusform>%n Messwert über dem Limit pro Scrape wurde nicht aufgezeichnet.</numerusform>
            <numerusform>%n Messwerte über dem Limit pro Scrape wurden nicht aufgezeichnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Kafka: %1</source>
        <translation>Kafka: %1</translation>
    </message>
</context>
<context>
    <name>umg::NodeFleet</name>
    <message>
        <source>Enter the URL of the node, such as http://127.0.0.1:8080.</source>
        <translation>Geben Sie die URL des Knotens ein, etwa http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>The node %1 is attached already. Edit it in the Fleet view to change its token.</source>
        <translation>Der Knoten %1 ist bereits angebunden. Bearbeiten Sie ihn in der Flottenansicht, um sein Token zu ändern.</translation>
    </message>
    <message>
        <source>The token of %1 could not be stored in the system keychain: %2. The node stays attached for this session only and is not reconnected at the next start; nothing was written to disk. Start or unlock a keychain service (such as GNOME Keyring or KWallet) and attach the node again to keep it.</source>
        <translation>Das Token von %1 konnte nicht im Schlüsselbund des Systems gespeichert werden: %2. Der Knoten bleibt nur für diese Sitzung angebunden und wird beim nächsten Start nicht erneut verbunden; auf den Datenträger wurde nichts geschrieben. Starten oder entsperren Sie einen Schlüsselbunddienst (etwa GNOME Keyring oder KWallet) und binden Sie den Knoten erneut an, um ihn zu behalten.</translation>
    </message>
    <message>
        <source>The secret of %1 could not be deleted from the system keychain: %2. Delete the entry &quot;%3&quot; of &quot;%4&quot; with your keychain manager.</source>
        <translation>Das Geheimnis von %1 konnte nicht aus dem Schlüsselbund des Systems gelöscht werden: %2. Löschen Sie den Eintrag „%3“ von „%4“ mit Ihrer Schlüsselbundverwaltung.</translation>
    </message>
    <message>
        <source>Reading the token from the system keychain…</source>
        <translation>Token wird aus dem Schlüsselbund des Systems gelesen…</translation>
    </message>
    <message>
        <source>The system keychain has no token for %1. If the node needs one, edit the node in the Fleet view and enter it.</source>
        <translation>Der Schlüsselbund des Systems enthält kein Token für %1. Wenn der Knoten eines benötigt, bearbeiten Sie ihn in der Flottenansicht und geben Sie es ein.</translation>
    </message>
    <message>
        <source>The token of %1 could not be read from the system keychain: %2. The node connects without its token until you edit it and enter the token (kept for this session only), or unlock the keychain and restart the console.</source>
        <translation>Das Token von %1 konnte nicht aus dem Schlüsselbund des Systems gelesen werden: %2. Der Knoten verbindet sich ohne sein Token, bis Sie ihn bearbeiten und das Token eingeben (nur für diese Sitzung gespeichert) oder den Schlüsselbund entsperren und die Konsole neu starten.</translation>
    </message>
    <message>
        <source>Enter the URL of the Prometheus server, such as http://127.0.0.1:9090.</source>
        <translation>Geben Sie die URL des Prometheus-Servers ein, etwa http://127.0.0.1:9090.</translation>
    </message>
    <message>
        <source>The Prometheus server %1 is attached already.</source>
        <translation>Der Prometheus-Server %1 ist bereits angebunden.</translation>
    </message>
    <message>
        <source>The credentials of the Prometheus server %1 could not be stored in the system keychain: %2. The server stays attached for this session only and is not reattached at the next start; nothing was written to disk. Start or unlock a keychain service (such as GNOME Keyring or KWallet) and attach the server again to keep it.</source>
        <translation>Die Anmeldedaten des Prometheus-Servers %1 konnten nicht im Schlüsselbund des Systems gespeichert werden: %2. Der Server bleibt nur für diese Sitzung angebunden und wird beim nächsten Start nicht erneut angebunden; auf den Datenträger wurde nichts geschrieben. Starten oder entsperren Sie einen Schlüsselbunddienst (etwa GNOME Keyring oder KWallet) und binden Sie den Server erneut an, um ihn zu behalten.</translation>
    </message>
    <message>
        <source>The system keychain has no credentials for the Prometheus server %1. Edit the server in the Fleet view and enter them.</source>
        <translation>Der Schlüsselbund des Systems enthält keine Anmeldedaten für den Prometheus-Server %1. Bearbeiten Sie den Server in der Flottenansicht und geben Sie sie ein.</translation>
    </message>
    <message>
        <source>The credentials of the Prometheus server %1 could not be read from the system keychain: %2. Edit the server to enter them for this session, or unlock the keychain and restart the console.</source>
        <translation>Die Anmeldedaten des Prometheus-Servers %1 konnten nicht aus dem Schlüsselbund des Systems gelesen werden: %2. Bearbeiten Sie den Server, um sie für diese Sitzung einzugeben, oder entsperren Sie den Schlüsselbund und starten Sie die Konsole neu.</translation>
    </message>
</context>
<context>
    <name>umg::NodeStatusParser</name>
    <message>
        <source>The status response is not JSON, so the server is not an UnMoGrowP node. Check the URL.</source>
        <translation>Die Statusantwort ist kein JSON, der Server ist also kein UnMoGrowP-Knoten. Prüfen Sie die URL.</translation>
    </message>
    <message>
        <source>The server is not an UnMoGrowP node: its status response has no service name. Check the URL.</source>
        <translation>Der Server ist kein UnMoGrowP-Knoten: Seine Statusantwort enthält keinen Dienstnamen. Prüfen Sie die URL.</translation>
    </message>
    <message>
        <source>The server is not an UnMoGrowP node but &quot;%1&quot;. Check the URL.</source>
        <translation>Der Server ist kein UnMoGrowP-Knoten, sondern „%1“. Prüfen Sie die URL.</translation>
    </message>
</context>
<context>
    <name>umg::PanelFrame</name>
    <message>
        <source>Export as PNG…</source>
        <translation>Als PNG exportieren…</translation>
    </message>
    <message>
        <source>Failed to export the panel to %1: %2. Choose a folder you can write to.</source>
        <translation>Das Panel konnte nicht nach %1 exportiert werden: %2. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>Failed to export the panel to %1: %2.</source>
        <translation>Das Panel konnte nicht nach %1 exportiert werden: %2.</translation>
    </message>
    <message>
        <source>Failed to export the panel to %1: %2. Check the free space and permissions.</source>
        <translation>Das Panel konnte nicht nach %1 exportiert werden: %2. Prüfen Sie den freien Speicherplatz und die Berechtigungen.</translation>
    </message>
    <message>
        <source>Export Panel as PNG</source>
        <translation>Panel als PNG exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>umg::PanelView</name>
    <message>
        <source>Time to launch (average)</source>
        <translation>Zeit bis zum Launch (Durchschnitt)</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
</context>
<context>
    <name>umg::PrometheusDataSource</name>
    <message>
        <source>Prometheus %1</source>
        <translation>Prometheus %1</translation>
    </message>
    <message>
        <source>The range query has no valid time range or step.</source>
        <translation>Die Bereichsabfrage hat keinen gültigen Zeitraum oder keine gültige Schrittweite.</translation>
    </message>
    <message>
        <source>The server&apos;s response is not the JSON of the Prometheus query API. Check that the URL points to a Prometheus server.</source>
        <translation>Die Antwort des Servers ist nicht das JSON der Prometheus-Abfrage-API. Prüfen Sie, ob die URL auf einen Prometheus-Server zeigt.</translation>
    </message>
    <message>
        <source>Prometheus rejected the query: %1</source>
        <translation>Prometheus hat die Abfrage abgelehnt: %1</translation>
    </message>
    <message>
        <source>The query returns a %1; a panel needs a number per series.</source>
        <translation>Die Abfrage liefert ein Ergebnis vom Typ „%1“; ein Panel benötigt eine Zahl pro Serie.</translation>
    </message>
    <message>
        <source>result of unknown type</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>umg::QueryRunner</name>
    <message>
        <source>The console is closing.</source>
        <translation>Die Konsole wird geschlossen.</translation>
    </message>
    <message>
        <source>No data source is connected.</source>
        <translation>Es ist keine Datenquelle verbunden.</translation>
    </message>
</context>
<context>
    <name>umg::RecordPanels</name>
    <message>
        <source>Discovery</source>
        <translation>Discovery</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Setup</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>Launch</translation>
    </message>
</context>
<context>
    <name>umg::RemoteConsole</name>
    <message>
        <source>Attach &amp;Node…</source>
        <translation>&amp;Knoten anbinden…</translation>
    </message>
    <message>
        <source>Attach a remote engine node and show its metrics</source>
        <translation>Einen entfernten Engine-Knoten anbinden und seine Metriken anzeigen</translation>
    </message>
    <message>
        <source>Attach &amp;Prometheus…</source>
        <translation>&amp;Prometheus anbinden…</translation>
    </message>
    <message>
        <source>Use a Prometheus server as the dashboards&apos; data source</source>
        <translation>Einen Prometheus-Server als Datenquelle der Dashboards verwenden</translation>
    </message>
    <message>
        <source>Dashboard scope</source>
        <translation>Dashboard-Bereich</translation>
    </message>
    <message>
        <source> Show: </source>
        <translation> Anzeigen: </translation>
    </message>
    <message>
        <source>What the dashboards show: the local engine, one attached node, the sum over all attached nodes, or a Prometheus server</source>
        <translation>Was die Dashboards zeigen: die lokale Engine, einen angebundenen Knoten, die Summe über alle angebundenen Knoten oder einen Prometheus-Server</translation>
    </message>
    <message>
        <source>Detach Node</source>
        <translation>Knoten trennen</translation>
    </message>
    <message>
        <source>Detach %1? The console stops polling it and deletes its token from the system keychain. Its recorded history stays until it ages out.</source>
        <translation>%1 trennen? Die Konsole fragt den Knoten nicht mehr ab und löscht sein Token aus dem Schlüsselbund des Systems. Sein aufgezeichneter Verlauf bleibt erhalten, bis er wegen seines Alters entfernt wird.</translation>
    </message>
    <message>
        <source>Detach Prometheus Server</source>
        <translation>Prometheus-Server trennen</translation>
    </message>
    <message>
        <source>Detach the Prometheus server %1? Its credentials are deleted from the system keychain.</source>
        <translation>Den Prometheus-Server %1 trennen? Seine Anmeldedaten werden aus dem Schlüsselbund des Systems gelöscht.</translation>
    </message>
</context>
<context>
    <name>umg::ReplayController</name>
    <message>
        <source>The files were not replayed: %1</source>
        <translation>Die Dateien wurden nicht wiedergegeben: %1</translation>
    </message>
    <message>
        <source>The engine could not start on a fresh database for the replay; the message above says why.</source>
        <translation>Die Engine konnte für die Wiedergabe nicht mit einer neuen Datenbank starten; die Meldung oben nennt den Grund.</translation>
    </message>
    <message>
        <source>The engine stopped before the replay could start. Start the replay again.</source>
        <translation>Die Engine wurde beendet, bevor die Wiedergabe starten konnte. Starten Sie die Wiedergabe erneut.</translation>
    </message>
    <message>
        <source>The replay failed: %1</source>
        <translation>Die Wiedergabe ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>umg::ReplayDialog</name>
    <message>
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Replaying %1 into a fresh engine database. The metric history is kept, so the dashboards show the replay as it runs.</source>
        <translation>%1 wird in eine neue Engine-Datenbank wiedergegeben. Der Metrikverlauf bleibt erhalten, sodass die Dashboards die Wiedergabe live zeigen.</translation>
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation>Abbruch nach dem aktuellen Batch…</translation>
    </message>
    <message>
        <source>Checking the files…</source>
        <translation>Dateien werden geprüft…</translation>
    </message>
    <message>
        <source>Starting a fresh engine database…</source>
        <translation>Neue Engine-Datenbank wird gestartet…</translation>
    </message>
    <message>
        <source>Replaying…</source>
        <translation>Wiedergabe läuft…</translation>
    </message>
    <message>
        <source>Replaying %1…</source>
        <translation>%1 wird wiedergegeben…</translation>
    </message>
    <message>
        <source>%1 events read, %2 lines rejected</source>
        <translation>%1 Ereignisse gelesen, %2 Zeilen abgelehnt</translation>
    </message>
    <message>
        <source>%1 events/s, %2 s elapsed</source>
        <translation>%1 Ereignisse/s, %2 s vergangen</translation>
    </message>
    <message>
        <source>Replay cancelled.</source>
        <translation>Wiedergabe abgebrochen.</translation>
    </message>
    <message>
        <source>Replay finished.</source>
        <translation>Wiedergabe beendet.</translation>
    </message>
    <message>
        <source>%1 events read, %2 accepted, %3 duplicates, %4 lines rejected; %5 installs decided.</source>
        <translation>%1 Ereignisse gelesen, %2 angenommen, %3 Duplikate, %4 Zeilen abgelehnt; %5 Installationen entschieden.</translation>
    </message>
    <message>
        <source>%1 events/s over %2 s</source>
        <translation>%1 Ereignisse/s über %2 s</translation>
    </message>
</context>
<context>
    <name>umg::ReportJob</name>
    <message>
        <source>No data source</source>
        <translation>Keine Datenquelle</translation>
    </message>
    <message>
        <source>No load-test run is stored yet. Run a load test on the Load testing dashboard first.</source>
        <translation>Es ist noch kein Lasttestlauf gespeichert. Führen Sie zuerst auf dem Dashboard „Lasttests“ einen Lasttest aus.</translation>
    </message>
    <message>
        <source>Load-test run %1 is no longer stored. Choose another run.</source>
        <translation>Lasttestlauf %1 ist nicht mehr gespeichert. Wählen Sie einen anderen Lauf.</translation>
    </message>
    <message>
        <source>Customer %1 is no longer on record. Choose another customer.</source>
        <translation>Kunde %1 ist nicht mehr vorhanden. Wählen Sie einen anderen Kunden.</translation>
    </message>
    <message>
        <source>Event volume and accuracy: every day stored in the embedded engine&apos;s database %1.</source>
        <translation>Ereignisvolumen und Genauigkeit: jeder in der Datenbank %1 der eingebetteten Engine gespeicherte Tag.</translation>
    </message>
    <message>
        <source>The embedded engine has no database yet, so event volume and accuracy are unknown.</source>
        <translation>Die eingebettete Engine hat noch keine Datenbank, daher sind Ereignisvolumen und Genauigkeit unbekannt.</translation>
    </message>
    <message>
        <source>embedded engine&apos;s database %1</source>
        <translation>Datenbank %1 der eingebetteten Engine</translation>
    </message>
    <message>
        <source>The report could not read its data: %1. Try again once the engine runs.</source>
        <translation>Der Bericht konnte seine Daten nicht lesen: %1. Versuchen Sie es erneut, sobald die Engine läuft.</translation>
    </message>
</context>
<context>
    <name>umg::RuleExport</name>
    <message>
        <source>The folder %1 could not be created; choose a folder you can write to.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden; wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2. Choose a folder you can write to.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>No output folder is given; choose the folder for the stack&apos;s files.</source>
        <translation>Es ist kein Ausgabeordner angegeben; wählen Sie den Ordner für die Dateien des Stacks.</translation>
    </message>
    <message>
        <source>The server stack was not written: %1</source>
        <translation>Der Server-Stack wurde nicht geschrieben: %1</translation>
    </message>
</context>
<context>
    <name>umg::ScopeController</name>
    <message>
        <source>Local engine</source>
        <translation>Lokale Engine</translation>
    </message>
    <message numerus="yes">
        <source>Fleet: sum of %n node(s)</source>
        <translation>
            <numerusform>Flotte: Summe von %n Knoten</numerusform>
            <numerusform>Flotte: Summe von %n Knoten</numerusform>
        </translation>
    </message>
    <message>
        <source>Node %1</source>
        <translation>Knoten %1</translation>
    </message>
    <message>
        <source>Prometheus %1</source>
        <translation>Prometheus %1</translation>
    </message>
    <message numerus="yes">
        <source>Fleet of %n node(s)</source>
        <translation>
            <numerusform>Flotte mit %n Knoten</numerusform>
            <numerusform>Flotte mit %n Knoten</numerusform>
        </translation>
    </message>
    <message>
        <source>The dashboards show the local engine again because %1 is no longer attached.</source>
        <translation>Die Dashboards zeigen wieder die lokale Engine, weil %1 nicht mehr angebunden ist.</translation>
    </message>
</context>
<context>
    <name>umg::ScopedHistoryDataSource</name>
    <message>
        <source>The metric history is not open yet; the engine is starting or restarting.</source>
        <translation>Der Metrikverlauf ist noch nicht geöffnet; die Engine startet gerade oder startet neu.</translation>
    </message>
    <message>
        <source>The panel query is not valid PromQL: %1</source>
        <translation>Die Panel-Abfrage ist kein gültiges PromQL: %1</translation>
    </message>
    <message>
        <source>The metric history could not be read: %1</source>
        <translation>Der Metrikverlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The panel query failed: %1</source>
        <translation>Die Panel-Abfrage ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>umg::ScrapeRecorder</name>
    <message>
        <source>line %1: %2 (%3)</source>
        <translation>Zeile %1: %2 (%3)</translation>
    </message>
    <message>
        <source>The metric history is not open yet; the scrape was not recorded.</source>
        <translation>Der Metrikverlauf ist noch nicht geöffnet; der Scrape wurde nicht aufgezeichnet.</translation>
    </message>
    <message>
        <source>The metrics response is larger than %1 bytes and was discarded.</source>
        <translation>Die Metrikantwort ist größer als %1 Byte und wurde verworfen.</translation>
    </message>
    <message>
        <source>The scrape could not be written to the metric history: %1</source>
        <translation>Der Scrape konnte nicht in den Metrikverlauf geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>umg::ScreenshotRunner</name>
    <message>
        <source>The screenshot folder %1 could not be created; check that its parent folder is writable.</source>
        <translation>Der Screenshot-Ordner %1 konnte nicht angelegt werden; prüfen Sie, ob sein übergeordneter Ordner beschreibbar ist.</translation>
    </message>
    <message>
        <source>The window closed before the screenshots were taken.</source>
        <translation>Das Fenster wurde geschlossen, bevor die Screenshots aufgenommen wurden.</translation>
    </message>
    <message>
        <source>The Customers view could not be saved to %1; check that the folder is writable.</source>
        <translation>Die Kundenansicht konnte nicht unter %1 gespeichert werden; prüfen Sie, ob der Ordner beschreibbar ist.</translation>
    </message>
</context>
<context>
    <name>umg::StackExportDialog</name>
    <message>
        <source>Export Server Stack</source>
        <translation>Server-Stack exportieren</translation>
    </message>
    <message>
        <source>Writes prometheus.yml, the alerting rules with the console&apos;s thresholds, alertmanager.yml and the Grafana dashboards, as unmogrowp-node export stack does.</source>
        <translation>Schreibt prometheus.yml, die Alarmregeln mit den Schwellenwerten der Konsole, alertmanager.yml und die Grafana-Dashboards, wie es unmogrowp-node export stack tut.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>Folder of the Server Stack</source>
        <translation>Ordner des Server-Stacks</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>http://10.0.0.5:9464
http://10.0.0.6:8080/metrics</source>
        <translation>http://10.0.0.5:9464
http://10.0.0.6:8080/metrics</translation>
    </message>
    <message>
        <source>One metrics URL per line: a node&apos;s --metrics-listen exposer, or its HTTP API with the path /metrics</source>
        <translation>Eine Metrik-URL pro Zeile: der --metrics-listen-Endpunkt eines Knotens oder seine HTTP-API mit dem Pfad /metrics</translation>
    </message>
    <message>
        <source>&amp;Node URLs:</source>
        <translation>&amp;Knoten-URLs:</translation>
    </message>
    <message>
        <source>Optional, such as /etc/prometheus/unmogrowp-token</source>
        <translation>Optional, etwa /etc/prometheus/unmogrowp-token</translation>
    </message>
    <message>
        <source>Path on the Prometheus host of the file with the nodes&apos; bearer token; needed to scrape the HTTP API of nodes started with --token-file</source>
        <translation>Pfad der Datei mit dem Bearer-Token der Knoten auf dem Prometheus-Host; nötig, um die HTTP-API von Knoten abzufragen, die mit --token-file gestartet wurden</translation>
    </message>
    <message>
        <source>&amp;Token file:</source>
        <translation>&amp;Token-Datei:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Choose the folder for the stack&apos;s files.</source>
        <translation>Wählen Sie den Ordner für die Dateien des Stacks.</translation>
    </message>
    <message>
        <source>Enter at least one node URL, such as http://127.0.0.1:9464.</source>
        <translation>Geben Sie mindestens eine Knoten-URL ein, etwa http://127.0.0.1:9464.</translation>
    </message>
</context>
<context>
    <name>umg::SuccessFlagsModel</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Technical success</source>
        <translation>Technischer Erfolg</translation>
    </message>
    <message>
        <source>Business success</source>
        <translation>Geschäftlicher Erfolg</translation>
    </message>
    <message>
        <source>Pilot successful</source>
        <translation>Pilot erfolgreich</translation>
    </message>
</context>
<context>
    <name>umg::ThresholdPolicy</name>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <comment>range of values; the second value carries the unit</comment>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Near target</source>
        <translation>Nahe am Zielwert</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Verfehlt</translation>
    </message>
</context>
<context>
    <name>umg::ThresholdTableModel</name>
    <message>
        <source>Measured %1, target %2</source>
        <translation>Gemessen: %1, Zielwert: %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>umg::ThresholdsDialog</name>
    <message>
        <source>Alert Thresholds</source>
        <translation>Alarmschwellenwerte</translation>
    </message>
    <message>
        <source>The alert rules compare the metrics with these values. The console evaluates with them, and File &gt; Export writes them into the rule file and the server stack.</source>
        <translation>Die Alarmregeln vergleichen die Metriken mit diesen Werten. Die Konsole wertet mit ihnen aus, und Datei &gt; Exportieren schreibt sie in die Regeldatei und den Server-Stack.</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>&amp;Load File…</source>
        <translation>Datei &amp;laden…</translation>
    </message>
    <message>
        <source>Read NAME=VALUE lines, as unmogrowp-node --thresholds-file does</source>
        <translation>NAME=WERT-Zeilen lesen, wie es unmogrowp-node --thresholds-file tut</translation>
    </message>
    <message>
        <source>Restore &amp;Defaults</source>
        <translation>&amp;Standardwerte wiederherstellen</translation>
    </message>
    <message>
        <source>The thresholds file was not loaded: %1</source>
        <translation>Die Schwellenwertdatei wurde nicht geladen: %1</translation>
    </message>
    <message>
        <source>Load Alert Thresholds</source>
        <translation>Alarmschwellenwerte laden</translation>
    </message>
    <message>
        <source>Threshold files (*.conf *.txt *.env);;All files (*)</source>
        <translation>Schwellenwertdateien (*.conf *.txt *.env);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Row %1 (%2): %3</source>
        <translation>Zeile %1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>umg::TimeRanges</name>
    <message>
        <source>Last 5 minutes</source>
        <translation>Letzte 5 Minuten</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 6 hours</source>
        <translation>Letzte 6 Stunden</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Every second</source>
        <translation>Jede Sekunde</translation>
    </message>
    <message>
        <source>Every 5 seconds</source>
        <translation>Alle 5 Sekunden</translation>
    </message>
    <message>
        <source>Every 10 seconds</source>
        <translation>Alle 10 Sekunden</translation>
    </message>
    <message>
        <source>Every 30 seconds</source>
        <translation>Alle 30 Sekunden</translation>
    </message>
    <message>
        <source>Every minute</source>
        <translation>Jede Minute</translation>
    </message>
</context>
<context>
    <name>umg::TimeSeriesChart</name>
    <message>
        <source>HH:mm:ss</source>
        <comment>time axis format for spans up to 15 minutes</comment>
        <translation>HH:mm:ss</translation>
    </message>
    <message>
        <source>HH:mm</source>
        <comment>time axis format for spans up to 2 days</comment>
        <translation>HH:mm</translation>
    </message>
    <message>
        <source>MMM d HH:mm</source>
        <comment>time axis format for spans over 2 days</comment>
        <translation>d. MMM HH:mm</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm:ss</source>
        <comment>hover tooltip time format</comment>
        <translation>dd.MM.yyyy HH:mm:ss</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm:ss.zzz</source>
        <comment>hover tooltip time format with milliseconds</comment>
        <translation>dd.MM.yyyy HH:mm:ss.zzz</translation>
    </message>
</context>
<context>
    <name>umg::ValidationModel</name>
    <message>
        <source>Pass</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Verfehlt</translation>
    </message>
    <message>
        <source>Not run</source>
        <translation>Nicht ausgeführt</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Abschnitt</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
</context>
<context>
    <name>umg::ValidationRunner</name>
    <message>
        <source>The validation did not start: %1</source>
        <translation>Die Validierung wurde nicht gestartet: %1</translation>
    </message>
</context>
<context>
    <name>umg::ValidationView</name>
    <message>
        <source>Checks a running stack of Prometheus, Alertmanager and UnMoGrowP nodes, as unmogrowp-node validate does. Requests go only to the URLs below and to the Alertmanagers that Prometheus reports.</source>
        <translation>Prüft einen laufenden Stack aus Prometheus, Alertmanager und UnMoGrowP-Knoten, wie es unmogrowp-node validate tut. Anfragen gehen nur an die URLs unten und an die Alertmanager, die Prometheus meldet.</translation>
    </message>
    <message>
        <source>&amp;Prometheus URL:</source>
        <translation>&amp;Prometheus-URL:</translation>
    </message>
    <message>
        <source>Optional: node URLs separated by spaces, such as http://127.0.0.1:8080</source>
        <translation>Optional: Knoten-URLs, durch Leerzeichen getrennt, etwa http://127.0.0.1:8080</translation>
    </message>
    <message>
        <source>&amp;Node URLs:</source>
        <translation>&amp;Knoten-URLs:</translation>
    </message>
    <message>
        <source>Optional: bearer token the nodes require</source>
        <translation>Optional: Bearer-Token, das die Knoten verlangen</translation>
    </message>
    <message>
        <source>Node &amp;token:</source>
        <translation>Knoten-&amp;Token:</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Not run yet.</source>
        <translation>Noch nicht ausgeführt.</translation>
    </message>
    <message>
        <source>Enter Prometheus&apos;s URL, such as http://127.0.0.1:9090, or attach a Prometheus data source with File &gt; Attach Prometheus….</source>
        <translation>Geben Sie die URL von Prometheus ein, etwa http://127.0.0.1:9090, oder binden Sie über Datei &gt; Prometheus anbinden… eine Prometheus-Datenquelle an.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>Gestartet %1</translation>
    </message>
    <message>
        <source>%1 passed, %2 warnings, %3 failed of %4 checks.</source>
        <translation>%1 bestanden, %2 Warnungen, %3 fehlgeschlagen von %4 Prüfungen.</translation>
    </message>
    <message>
        <source>Stopped before the remaining checks.</source>
        <translation>Vor den übrigen Prüfungen angehalten.</translation>
    </message>
    <message>
        <source>Run at %1, took %2 s</source>
        <translation>Ausgeführt um %1, Dauer %2 s</translation>
    </message>
    <message>
        <source>Not run.</source>
        <translation>Nicht ausgeführt.</translation>
    </message>
</context>
<context>
    <name>umg::ValueFormat</name>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>value and unit</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <comment>percentage</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>date and time</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>umg::reports::CustomerReport</name>
    <message>
        <source>Item</source>
        <translation>Angabe</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Pilot figures</source>
        <translation>Pilotkennzahlen</translation>
    </message>
    <message>
        <source>Monthly recurring revenue</source>
        <translation>Monatlich wiederkehrender Umsatz</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>pro Monat</translation>
    </message>
    <message>
        <source>Latest satisfaction</source>
        <translation>Letzte Zufriedenheit</translation>
    </message>
    <message>
        <source>Monthly cost before the pilot</source>
        <translation>Monatliche Kosten vor dem Pilotprojekt</translation>
    </message>
    <message>
        <source>Monthly cost with UnMoGrowP</source>
        <translation>Monatliche Kosten mit UnMoGrowP</translation>
    </message>
    <message>
        <source>Cost savings</source>
        <translation>Kosteneinsparung</translation>
    </message>
    <message>
        <source>Time to launch</source>
        <translation>Zeit bis zum Launch</translation>
    </message>
    <message>
        <source>Days since Discovery (not launched yet)</source>
        <translation>Tage seit Discovery (noch nicht gelauncht)</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Open support tickets</source>
        <translation>Offene Support-Tickets</translation>
    </message>
    <message>
        <source>Health score</source>
        <translation>Health Score</translation>
    </message>
    <message>
        <source>Technical success</source>
        <translation>Technischer Erfolg</translation>
    </message>
    <message>
        <source>Business success</source>
        <translation>Geschäftlicher Erfolg</translation>
    </message>
    <message>
        <source>Successful pilot (both flags)</source>
        <translation>Erfolgreiches Pilotprojekt (beide Kennzeichen)</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Health score components</source>
        <translation>Bestandteile des Health Scores</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Bestandteil</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Zufriedenheit</translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation>Onboarding</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>Success flags</source>
        <translation>Erfolgskennzeichen</translation>
    </message>
    <message>
        <source>Health score over the last 30 days</source>
        <translation>Health Score der letzten 30 Tage</translation>
    </message>
    <message>
        <source>The health score is computed from the record as it stood on %1. The formula:</source>
        <translation>Der Health Score wird aus dem Datensatz mit Stand %1 berechnet. Die Formel:</translation>
    </message>
    <message>
        <source>Satisfaction surveys</source>
        <translation>Zufriedenheitsumfragen</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>No satisfaction survey is on record.</source>
        <translation>Es liegt keine Zufriedenheitsumfrage vor.</translation>
    </message>
    <message>
        <source>Onboarding stages</source>
        <translation>Onboarding-Phasen</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Reached on</source>
        <translation>Erreicht am</translation>
    </message>
    <message>
        <source>Days since Discovery</source>
        <translation>Tage seit Discovery</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>Nicht erreicht</translation>
    </message>
    <message>
        <source>The customer has no Discovery date, so the time to launch is unknown.</source>
        <translation>Der Kunde hat kein Discovery-Datum, daher ist die Zeit bis zum Launch unbekannt.</translation>
    </message>
    <message>
        <source>Time to launch: %1 (target: under 14 days).</source>
        <translation>Zeit bis zum Launch: %1 (Ziel: unter 14 Tagen).</translation>
    </message>
    <message>
        <source>Not launched yet; %1 since Discovery (target: launch within 14 days).</source>
        <translation>Noch nicht gelauncht; %1 seit Discovery (Ziel: Launch innerhalb von 14 Tagen).</translation>
    </message>
    <message>
        <source>Onboarding and time to launch</source>
        <translation>Onboarding und Zeit bis zum Launch</translation>
    </message>
    <message>
        <source>Support tickets</source>
        <translation>Support-Tickets</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Eröffnet</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Days open</source>
        <translation>Tage offen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>%1 of %2 tickets open on %3.</source>
        <translation>%1 von %2 Tickets offen am %3.</translation>
    </message>
    <message>
        <source>No support ticket is on record.</source>
        <translation>Es liegt kein Support-Ticket vor.</translation>
    </message>
    <message>
        <source>Engine figures</source>
        <translation>Engine-Kennzahlen</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>Klicks</translation>
    </message>
    <message>
        <source>events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Impressions</source>
        <translation>Impressionen</translation>
    </message>
    <message>
        <source>Installs</source>
        <translation>Installationen</translation>
    </message>
    <message>
        <source>In-app events</source>
        <translation>In-App-Ereignisse</translation>
    </message>
    <message>
        <source>Event volume</source>
        <translation>Ereignisvolumen</translation>
    </message>
    <message>
        <source>Installs with a reference attribution</source>
        <translation>Installationen mit Referenzattribution</translation>
    </message>
    <message>
        <source>installs</source>
        <translation>Installationen</translation>
    </message>
    <message>
        <source>Of those, attributed as the reference</source>
        <translation>Davon wie die Referenz attribuiert</translation>
    </message>
    <message>
        <source>Attribution accuracy</source>
        <translation>Attributionsgenauigkeit</translation>
    </message>
    <message>
        <source>P50 processing latency</source>
        <translation>P50-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>P95 processing latency</source>
        <translation>P95-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>P99 processing latency</source>
        <translation>P99-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>Customer success: %1</source>
        <translation>Kundenerfolg: %1</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Records as of</source>
        <translation>Datensätze mit Stand</translation>
    </message>
    <message>
        <source>Customer id</source>
        <translation>Kunden-ID</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>Apps</translation>
    </message>
    <message>
        <source>Records read from</source>
        <translation>Datensätze gelesen aus</translation>
    </message>
</context>
<context>
    <name>umg::reports::DashboardReport</name>
    <message>
        <source>No pilot-customer records were given, so this panel has no values.</source>
        <translation>Es wurden keine Pilotkunden-Datensätze angegeben, daher hat dieses Panel keine Werte.</translation>
    </message>
    <message>
        <source>Time to launch (average)</source>
        <translation>Zeit bis zum Launch (Durchschnitt)</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Reihe</translation>
    </message>
    <message>
        <source>Current value</source>
        <translation>Aktueller Wert</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Minimum</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Success flags</source>
        <translation>Erfolgskennzeichen</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Technical success</source>
        <translation>Technischer Erfolg</translation>
    </message>
    <message>
        <source>Business success</source>
        <translation>Geschäftlicher Erfolg</translation>
    </message>
    <message>
        <source>Successful pilot</source>
        <translation>Erfolgreiches Pilotprojekt</translation>
    </message>
    <message>
        <source>The panel&apos;s query failed: %1</source>
        <translation>Die Abfrage des Panels ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Dashboard: %1</source>
        <translation>Dashboard: %1</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>%1, from %2 to %3</source>
        <translation>%1, von %2 bis %3</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>Datenquelle</translation>
    </message>
    <message>
        <source>Customer records</source>
        <translation>Kundendatensätze</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Every panel at the end of the time range</source>
        <translation>Alle Panels am Ende des Zeitraums</translation>
    </message>
    <message>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
</context>
<context>
    <name>umg::reports::GoalReport</name>
    <message>
        <source>load-test run %1 (%2, %3)</source>
        <translation>Lasttestlauf %1 (%2, %3)</translation>
    </message>
    <message>
        <source>The metric history has no data for it in the report&apos;s range.</source>
        <translation>Der Metrikverlauf enthält dafür keine Daten im Zeitraum des Berichts.</translation>
    </message>
    <message>
        <source>No metric history was given.</source>
        <translation>Es wurde kein Metrikverlauf angegeben.</translation>
    </message>
    <message>
        <source>metric history, %1 up to %2</source>
        <translation>Metrikverlauf, %1 bis %2</translation>
    </message>
    <message>
        <source>Event throughput</source>
        <translation>Ereignisdurchsatz</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>Throughput of %1 after its ramp-up</source>
        <translation>Durchsatz von %1 nach dem Lastaufbau</translation>
    </message>
    <message>
        <source>No completed load-test run; peak 1-minute event rate in the %1</source>
        <translation>Kein abgeschlossener Lasttestlauf; höchste 1-Minuten-Ereignisrate im Zeitraum %1</translation>
    </message>
    <message>
        <source>No completed load-test run. %1 %2</source>
        <translation>Kein abgeschlossener Lasttestlauf. %1 %2</translation>
    </message>
    <message>
        <source>P95 processing latency (P99 under 200 ms)</source>
        <translation>P95-Verarbeitungslatenz (P99 unter 200 ms)</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Latency percentiles of %1</source>
        <translation>Latenzperzentile von %1</translation>
    </message>
    <message>
        <source>No completed load-test run; latency histogram of the %1</source>
        <translation>Kein abgeschlossener Lasttestlauf; Latenzhistogramm im Zeitraum %1</translation>
    </message>
    <message>
        <source>P99 %1</source>
        <translation>P99 %1</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <source>Average of up{job=&quot;unmogrowp&quot;} in the %1</source>
        <translation>Durchschnitt von up{job=&quot;unmogrowp&quot;} im Zeitraum %1</translation>
    </message>
    <message>
        <source>Attribution accuracy</source>
        <translation>Attributionsgenauigkeit</translation>
    </message>
    <message>
        <source>Installs with a reference attribution in the %1</source>
        <translation>Installationen mit Referenzattribution im Zeitraum %1</translation>
    </message>
    <message>
        <source>%1 of %2 installs attributed as the reference</source>
        <translation>%1 von %2 Installationen wie die Referenz attribuiert</translation>
    </message>
    <message>
        <source>The engine database holds no install with a reference attribution.</source>
        <translation>Die Engine-Datenbank enthält keine Installation mit Referenzattribution.</translation>
    </message>
    <message>
        <source>No engine database was given.</source>
        <translation>Es wurde keine Engine-Datenbank angegeben.</translation>
    </message>
    <message>
        <source>%1 Accuracy of %2</source>
        <translation>%1 Genauigkeit von %2</translation>
    </message>
    <message>
        <source>%1 No completed load-test run either.</source>
        <translation>%1 Auch kein abgeschlossener Lasttestlauf.</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>Rejected share of processed events in the %1</source>
        <translation>Anteil abgelehnter verarbeiteter Ereignisse im Zeitraum %1</translation>
    </message>
    <message>
        <source>%1 Error rate of %2</source>
        <translation>%1 Fehlerrate von %2</translation>
    </message>
    <message>
        <source>Pilot customers</source>
        <translation>Pilotkunden</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Customer satisfaction</source>
        <translation>Kundenzufriedenheit</translation>
    </message>
    <message>
        <source>Customer cost savings</source>
        <translation>Kosteneinsparung der Kunden</translation>
    </message>
    <message>
        <source>Time to launch a customer</source>
        <translation>Zeit bis zum Launch eines Kunden</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Successful pilot customers</source>
        <translation>Erfolgreiche Pilotkunden</translation>
    </message>
    <message>
        <source>No pilot-customer records were given.</source>
        <translation>Es wurden keine Pilotkunden-Datensätze angegeben.</translation>
    </message>
    <message>
        <source>Customer records in %1</source>
        <translation>Kundendatensätze in %1</translation>
    </message>
    <message>
        <source>Mean of each customer&apos;s latest survey in %1</source>
        <translation>Mittelwert der jeweils letzten Umfrage jedes Kunden in %1</translation>
    </message>
    <message>
        <source>%1 of %2 customers surveyed</source>
        <translation>%1 von %2 Kunden befragt</translation>
    </message>
    <message>
        <source>Mean saving against each customer&apos;s baseline cost in %1</source>
        <translation>Mittlere Einsparung gegenüber den Ausgangskosten jedes Kunden in %1</translation>
    </message>
    <message>
        <source>%1 of %2 customers with a baseline cost</source>
        <translation>%1 von %2 Kunden mit Ausgangskosten</translation>
    </message>
    <message>
        <source>Mean days from Discovery to Launch of the launched customers in %1</source>
        <translation>Mittlere Tage von Discovery bis Launch der gelaunchten Kunden in %1</translation>
    </message>
    <message>
        <source>%1 of %2 customers launched</source>
        <translation>%1 von %2 Kunden gelauncht</translation>
    </message>
    <message>
        <source>Share of customers with both success flags in %1</source>
        <translation>Anteil der Kunden mit beiden Erfolgskennzeichen in %1</translation>
    </message>
    <message>
        <source>%1 of %2 customers successful; an alert fires below 60 %</source>
        <translation>%1 von %2 Kunden erfolgreich; unter 60 % wird ein Alarm ausgelöst</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>mindestens</translation>
    </message>
    <message>
        <source>under</source>
        <translation>unter</translation>
    </message>
    <message>
        <source>above</source>
        <translation>über</translation>
    </message>
    <message>
        <source>Technical</source>
        <translation>Technisch</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Weighted score</source>
        <translation>Gewichtete Punktzahl</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Goals met</source>
        <translation>Erreichte Ziele</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Technical goals (40 %)</source>
        <translation>Technische Ziele (40 %)</translation>
    </message>
    <message>
        <source>Customer goals (60 %)</source>
        <translation>Kundenziele (60 %)</translation>
    </message>
    <message>
        <source>Overall score</source>
        <translation>Gesamtpunktzahl</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Overall score: %1 of 100 points.</source>
        <translation>Gesamtpunktzahl: %1 von 100 Punkten.</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Where each value comes from</source>
        <translation>Herkunft der Werte</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Goals and measured values</source>
        <translation>Ziele und Messwerte</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Each goal passes when its measured value meets the target of the platform&apos;s targets table; a goal that could not be measured fails. Technical goals share 40 points and customer goals 60, evenly: each of the five technical goals is worth 8 points and each of the five customer goals 12. The score is the sum of the points of the goals that pass, from 0 to 100.</source>
        <translation>Ein Ziel gilt als erreicht, wenn sein Messwert den Zielwert aus der Zieltabelle der Plattform erfüllt; ein Ziel, das nicht gemessen werden konnte, gilt als verfehlt. Technische Ziele teilen sich 40 Punkte und Kundenziele 60, jeweils gleichmäßig: Jedes der fünf technischen Ziele zählt 8 Punkte, jedes der fünf Kundenziele 12. Die Punktzahl ist die Summe der Punkte der erreichten Ziele, von 0 bis 100.</translation>
    </message>
    <message>
        <source>Throughput and latency come from the load-test run named in the sources, by default the newest run that completed, because only a load test offers the engine enough events to show its capacity. Without such a run they come from the metric history: the peak of the 1-minute event rate, and the latency percentiles of the histogram over the report&apos;s range. The latency goal needs both P95 under 100 ms and P99 under 200 ms.</source>
        <translation>Durchsatz und Latenz stammen aus dem in den Quellen genannten Lasttestlauf, standardmäßig dem neuesten abgeschlossenen Lauf, denn nur ein Lasttest liefert der Engine genug Ereignisse, um ihre Kapazität zu zeigen. Ohne einen solchen Lauf stammen sie aus dem Metrikverlauf: die höchste 1-Minuten-Ereignisrate und die Latenzperzentile des Histogramms über den Zeitraum des Berichts. Das Latenzziel verlangt sowohl P95 unter 100 ms als auch P99 unter 200 ms.</translation>
    </message>
    <message>
        <source>Uptime is the average of up{job=&quot;unmogrowp&quot;} over the report&apos;s range. The error rate is the rejected share of the events processed in that range, or the load-test run&apos;s error rate when the history has no events.</source>
        <translation>Die Verfügbarkeit ist der Durchschnitt von up{job=&quot;unmogrowp&quot;} über den Zeitraum des Berichts. Die Fehlerrate ist der Anteil abgelehnter Ereignisse an den in diesem Zeitraum verarbeiteten Ereignissen, oder die Fehlerrate des Lasttestlaufs, wenn der Verlauf keine Ereignisse enthält.</translation>
    </message>
    <message>
        <source>Attribution accuracy is the share of stored installs with a reference attribution whose decision agrees with it (the same touch, or organic for both), over every install in the engine database. Real traffic carries no reference, so without such installs the load-test run&apos;s accuracy is used.</source>
        <translation>Die Attributionsgenauigkeit ist der Anteil der gespeicherten Installationen mit Referenzattribution, deren Entscheidung mit ihr übereinstimmt (derselbe Touchpoint oder bei beiden organisch), über alle Installationen in der Engine-Datenbank. Echter Traffic enthält keine Referenz, daher wird ohne solche Installationen die Genauigkeit des Lasttestlaufs verwendet.</translation>
    </message>
    <message>
        <source>Customer goals are computed from the pilot-customer records as of the report&apos;s day: the number of customers (at least 5), the mean of each customer&apos;s latest satisfaction survey (above 90 %), the mean cost saving of the customers with a baseline cost (30–50 %), the mean days from Discovery to Launch of the launched customers (under 14), and the share of customers with both success flags set (above 80 %).</source>
        <translation>Kundenziele werden aus den Pilotkunden-Datensätzen mit Stand des Berichtstags berechnet: die Anzahl der Kunden (mindestens 5), der Mittelwert der jeweils letzten Zufriedenheitsumfrage jedes Kunden (über 90 %), die mittlere Kosteneinsparung der Kunden mit Ausgangskosten (30–50 %), die mittleren Tage von Discovery bis Launch der gelaunchten Kunden (unter 14) und der Anteil der Kunden, bei denen beide Erfolgskennzeichen gesetzt sind (über 80 %).</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Pilot programme: goals and score</source>
        <translation>Pilotprogramm: Ziele und Punktzahl</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>%1 of 100</source>
        <translation>%1 von 100</translation>
    </message>
    <message>
        <source>Time range of the metric history</source>
        <translation>Zeitraum des Metrikverlaufs</translation>
    </message>
    <message>
        <source>%1 up to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Customer records as of</source>
        <translation>Kundendatensätze mit Stand</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Metric history</source>
        <translation>Metrikverlauf</translation>
    </message>
    <message>
        <source>Engine database</source>
        <translation>Engine-Datenbank</translation>
    </message>
    <message>
        <source>Load-test run</source>
        <translation>Lasttestlauf</translation>
    </message>
    <message>
        <source>Customer records</source>
        <translation>Kundendatensätze</translation>
    </message>
</context>
<context>
    <name>umg::reports::LoadTestReport</name>
    <message>
        <source>Sending time</source>
        <translation>Sendedauer</translation>
    </message>
    <message>
        <source>Offered rate</source>
        <translation>Angebotene Rate</translation>
    </message>
    <message>
        <source>Event throughput</source>
        <translation>Ereignisdurchsatz</translation>
    </message>
    <message>
        <source>Peak throughput</source>
        <translation>Spitzendurchsatz</translation>
    </message>
    <message>
        <source>P50 processing latency</source>
        <translation>P50-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>P75 processing latency</source>
        <translation>P75-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>P90 processing latency</source>
        <translation>P90-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>P95 processing latency</source>
        <translation>P95-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>P99 processing latency</source>
        <translation>P99-Verarbeitungslatenz</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsrate</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>Attribution accuracy</source>
        <translation>Attributionsgenauigkeit</translation>
    </message>
    <message>
        <source>Target availability</source>
        <translation>Verfügbarkeit des Zielsystems</translation>
    </message>
    <message>
        <source>CPU use of the target</source>
        <translation>CPU-Auslastung des Zielsystems</translation>
    </message>
    <message>
        <source>Peak CPU use of the target</source>
        <translation>Maximale CPU-Auslastung des Zielsystems</translation>
    </message>
    <message>
        <source>CPU use of the load test process</source>
        <translation>CPU-Auslastung des Lasttestprozesses</translation>
    </message>
    <message>
        <source>Resident memory at the start</source>
        <translation>Residenter Speicher zu Beginn</translation>
    </message>
    <message>
        <source>Peak resident memory</source>
        <translation>Maximaler residenter Speicher</translation>
    </message>
    <message>
        <source>Resident memory growth</source>
        <translation>Zuwachs des residenten Speichers</translation>
    </message>
    <message>
        <source>Tracked devices</source>
        <translation>Verfolgte Geräte</translation>
    </message>
    <message>
        <source>Peak memory per million devices</source>
        <translation>Maximaler Speicher pro Million Geräte</translation>
    </message>
    <message>
        <source>Deepest worker queues</source>
        <translation>Maximale Tiefe der Worker-Warteschlangen</translation>
    </message>
    <message>
        <source>Queue capacity</source>
        <translation>Warteschlangenkapazität</translation>
    </message>
    <message>
        <source>Backpressure waits</source>
        <translation>Backpressure-Wartevorgänge</translation>
    </message>
    <message>
        <source>Busy responses retried</source>
        <translation>Wiederholungen nach Busy-Antwort</translation>
    </message>
    <message>
        <source>Events sent</source>
        <translation>Gesendete Ereignisse</translation>
    </message>
    <message>
        <source>Events accepted</source>
        <translation>Angenommene Ereignisse</translation>
    </message>
    <message>
        <source>Events repeated within a request</source>
        <translation>Innerhalb einer Anfrage wiederholte Ereignisse</translation>
    </message>
    <message>
        <source>Events rejected</source>
        <translation>Abgelehnte Ereignisse</translation>
    </message>
    <message>
        <source>Events failed</source>
        <translation>Fehlgeschlagene Ereignisse</translation>
    </message>
    <message>
        <source>Events behind schedule</source>
        <translation>Ereignisse hinter dem Zeitplan</translation>
    </message>
    <message>
        <source>Events processed (target&apos;s count)</source>
        <translation>Verarbeitete Ereignisse (Zählung des Zielsystems)</translation>
    </message>
    <message>
        <source>Events accepted (target&apos;s count)</source>
        <translation>Angenommene Ereignisse (Zählung des Zielsystems)</translation>
    </message>
    <message>
        <source>Events rejected (target&apos;s count)</source>
        <translation>Abgelehnte Ereignisse (Zählung des Zielsystems)</translation>
    </message>
    <message>
        <source>Installs sent</source>
        <translation>Gesendete Installationen</translation>
    </message>
    <message>
        <source>Installs decided (target&apos;s count)</source>
        <translation>Entschiedene Installationen (Zählung des Zielsystems)</translation>
    </message>
    <message>
        <source>Installs with a known source</source>
        <translation>Installationen mit bekannter Quelle</translation>
    </message>
    <message>
        <source>Installs credited to their source</source>
        <translation>Ihrer Quelle zugeschriebene Installationen</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>cores</source>
        <translation>Kerne</translation>
    </message>
    <message>
        <source>events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>installs</source>
        <translation>Installationen</translation>
    </message>
    <message>
        <source>submissions</source>
        <translation>Übermittlungen</translation>
    </message>
    <message>
        <source>responses</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Stopped early</source>
        <translation>Vorzeitig beendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Validation against the platform&apos;s targets</source>
        <translation>Validierung gegen die Zielwerte der Plattform</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Erforderlich</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Validation summary</source>
        <translation>Validierungszusammenfassung</translation>
    </message>
    <message>
        <source>The run completed and met every target.</source>
        <translation>Der Lauf wurde abgeschlossen und hat jeden Zielwert erreicht.</translation>
    </message>
    <message>
        <source>The run did not validate: it missed a target or did not complete.</source>
        <translation>Der Lauf wurde nicht validiert: Er hat einen Zielwert verfehlt oder wurde nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>Measured figures</source>
        <translation>Gemessene Kennzahlen</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>Latency percentiles come from the %1.</source>
        <translation>Die Latenzperzentile stammen aus: %1.</translation>
    </message>
    <message>
        <source>engine&apos;s histogram of this run&apos;s events</source>
        <translation>Histogramm der Engine über die Ereignisse dieses Laufs</translation>
    </message>
    <message>
        <source>interpolated histogram buckets</source>
        <translation>interpolierte Histogramm-Buckets</translation>
    </message>
    <message>
        <source>Settings as run</source>
        <translation>Einstellungen des Laufs</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Rate after the ramp-up</source>
        <translation>Rate nach dem Lastaufbau</translation>
    </message>
    <message>
        <source>Ramp-up</source>
        <translation>Lastaufbau</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Events per batch</source>
        <translation>Ereignisse pro Batch</translation>
    </message>
    <message>
        <source>Parallel senders</source>
        <translation>Parallele Sender</translation>
    </message>
    <message>
        <source>Device population</source>
        <translation>Gerätepopulation</translation>
    </message>
    <message>
        <source>Mix: clicks, impressions, installs, in-app events</source>
        <translation>Mischung: Klicks, Impressionen, Installationen, In-App-Ereignisse</translation>
    </message>
    <message>
        <source>Organic share of installs</source>
        <translation>Organischer Anteil der Installationen</translation>
    </message>
    <message>
        <source>Fraud share of installs</source>
        <translation>Betrugsanteil der Installationen</translation>
    </message>
    <message>
        <source>Workload seed</source>
        <translation>Seed des Lastgenerators</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Throughput during the run</source>
        <translation>Durchsatz während des Laufs</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>Verarbeitet</translation>
    </message>
    <message>
        <source>Processing latency during the run</source>
        <translation>Verarbeitungslatenz während des Laufs</translation>
    </message>
    <message>
        <source>Queued events and backpressure during the run</source>
        <translation>Wartende Ereignisse und Backpressure während des Laufs</translation>
    </message>
    <message>
        <source>Events in worker queues</source>
        <translation>Ereignisse in Worker-Warteschlangen</translation>
    </message>
    <message>
        <source>Backpressure waits and busy responses per second</source>
        <translation>Backpressure-Wartevorgänge und Busy-Antworten pro Sekunde</translation>
    </message>
    <message>
        <source>During the run</source>
        <translation>Während des Laufs</translation>
    </message>
    <message>
        <source>The run stored no samples.</source>
        <translation>Der Lauf hat keine Messpunkte gespeichert.</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>&lt; %1</source>
        <translation>&lt; %1</translation>
    </message>
    <message>
        <source>&gt; %1</source>
        <translation>&gt; %1</translation>
    </message>
    <message>
        <source>Load-test run %1: %2</source>
        <translation>Lasttestlauf %1: %2</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Runs read from</source>
        <translation>Läufe gelesen aus</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>Validated</source>
        <translation>Validiert</translation>
    </message>
</context>
<context>
    <name>umg::reports::QueryText</name>
    <message>
        <source>The query returns a range vector or a string, but a report needs a number per series: %1</source>
        <translation>Die Abfrage liefert einen Range-Vektor oder einen String, ein Bericht benötigt jedoch eine Zahl pro Serie: %1</translation>
    </message>
    <message>
        <source>No metric history is open.</source>
        <translation>Es ist kein Metrikverlauf geöffnet.</translation>
    </message>
    <message>
        <source>The query is not valid PromQL: %1</source>
        <translation>Die Abfrage ist kein gültiges PromQL: %1</translation>
    </message>
    <message>
        <source>The metric history could not be read: %1</source>
        <translation>Der Metrikverlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The query failed: %1</source>
        <translation>Die Abfrage ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>umg::reports::RecordFigures</name>
    <message>
        <source>Discovery</source>
        <translation>Discovery</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Setup</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>Launch</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
</context>
<context>
    <name>umg::reports::ReportCommand</name>
    <message>
        <source>option %1 is required: %2</source>
        <translation>Option %1 ist erforderlich: %2</translation>
    </message>
    <message>
        <source>option --type is &quot;%1&quot;; use dashboard, loadtest, customer or goals</source>
        <translation>Option --type ist &quot;%1&quot;; verwenden Sie dashboard, loadtest, customer oder goals</translation>
    </message>
    <message>
        <source>option --log-level is &quot;%1&quot;; use debug, info, warning or error</source>
        <translation>Option --log-level ist &quot;%1&quot;; verwenden Sie debug, info, warning oder error</translation>
    </message>
    <message>
        <source>A PDF report needs a QGuiApplication, but this process runs a QCoreApplication.</source>
        <translation>Ein PDF-Bericht benötigt eine QGuiApplication, aber dieser Prozess führt eine QCoreApplication aus.</translation>
    </message>
    <message>
        <source>option --end is &quot;%1&quot;; use an RFC 3339 time such as 2026-11-01T12:00:00Z or milliseconds since the Unix epoch</source>
        <translation>Option --end ist &quot;%1&quot;; verwenden Sie eine RFC-3339-Zeit wie 2026-11-01T12:00:00Z oder Millisekunden seit der Unix-Epoche</translation>
    </message>
    <message>
        <source>option --range is &quot;%1&quot;; use a duration from 1m to 7d, such as 15m, 1h or 7d</source>
        <translation>Option --range ist &quot;%1&quot;; verwenden Sie eine Dauer von 1m bis 7d, etwa 15m, 1h oder 7d</translation>
    </message>
    <message>
        <source>%1 %2 does not exist; %3</source>
        <translation>%1 %2 existiert nicht; %3</translation>
    </message>
    <message>
        <source>The metric history</source>
        <translation>Der Metrikverlauf</translation>
    </message>
    <message>
        <source>pass --history with the console&apos;s history.db or a node&apos;s --alert-history file.</source>
        <translation>Übergeben Sie mit --history die history.db der Konsole oder die --alert-history-Datei eines Knotens.</translation>
    </message>
    <message>
        <source>%1 contains no metric history; pass --history with the console&apos;s history.db or a node&apos;s --alert-history file.</source>
        <translation>%1 enthält keinen Metrikverlauf; übergeben Sie mit --history die history.db der Konsole oder die --alert-history-Datei eines Knotens.</translation>
    </message>
    <message>
        <source>The customer database</source>
        <translation>Die Kundendatenbank</translation>
    </message>
    <message>
        <source>pass --customers with the console&apos;s customers.db.</source>
        <translation>Übergeben Sie mit --customers die customers.db der Konsole.</translation>
    </message>
    <message>
        <source>%1 contains no pilot-customer records; pass --customers with the console&apos;s customers.db.</source>
        <translation>%1 enthält keine Pilotkunden-Datensätze; übergeben Sie mit --customers die customers.db der Konsole.</translation>
    </message>
    <message>
        <source>The engine database</source>
        <translation>Die Engine-Datenbank</translation>
    </message>
    <message>
        <source>pass --db with the database of unmogrowp-node serve or replay, or the console&apos;s engine.db.</source>
        <translation>Übergeben Sie mit --db die Datenbank von unmogrowp-node serve oder replay oder die engine.db der Konsole.</translation>
    </message>
    <message>
        <source>%1 is not an engine database (it has no installs table); pass --db with the database of unmogrowp-node serve or replay, or the console&apos;s engine.db.</source>
        <translation>%1 ist keine Engine-Datenbank (sie hat keine installs-Tabelle); übergeben Sie mit --db die Datenbank von unmogrowp-node serve oder replay oder die engine.db der Konsole.</translation>
    </message>
    <message>
        <source>performance, customer-success, load-testing or onboarding</source>
        <translation>performance, customer-success, load-testing oder onboarding</translation>
    </message>
    <message>
        <source>option --dashboard is &quot;%1&quot;; use performance, customer-success, load-testing or onboarding</source>
        <translation>Option --dashboard ist &quot;%1&quot;; verwenden Sie performance, customer-success, load-testing oder onboarding</translation>
    </message>
    <message>
        <source>A dashboard report reads the metric history, and none was found: pass --history with the console&apos;s history.db or a node&apos;s --alert-history file (the default is %1.alert-history).</source>
        <translation>Ein Dashboard-Bericht liest den Metrikverlauf, aber es wurde keiner gefunden: Übergeben Sie mit --history die history.db der Konsole oder die --alert-history-Datei eines Knotens (Standard ist %1.alert-history).</translation>
    </message>
    <message>
        <source>Metric history %1</source>
        <translation>Metrikverlauf %1</translation>
    </message>
    <message>
        <source>The load-test database</source>
        <translation>Die Lasttest-Datenbank</translation>
    </message>
    <message>
        <source>pass --runs (or --db) with the database of unmogrowp-node loadtest --db, or the console&apos;s customers.db.</source>
        <translation>Übergeben Sie mit --runs (oder --db) die Datenbank von unmogrowp-node loadtest --db oder die customers.db der Konsole.</translation>
    </message>
    <message>
        <source>%1 holds no load-test runs; pass --runs with the database of unmogrowp-node loadtest --db or the console&apos;s customers.db.</source>
        <translation>%1 enthält keine Lasttestläufe; übergeben Sie mit --runs die Datenbank von unmogrowp-node loadtest --db oder die customers.db der Konsole.</translation>
    </message>
    <message>
        <source>%1 holds no load-test runs yet; run unmogrowp-node loadtest --db %1 first.</source>
        <translation>%1 enthält noch keine Lasttestläufe; führen Sie zuerst unmogrowp-node loadtest --db %1 aus.</translation>
    </message>
    <message>
        <source>%1 has no load-test run %2; unmogrowp-node loadtest --db %1 --list lists the runs.</source>
        <translation>%1 hat keinen Lasttestlauf %2; unmogrowp-node loadtest --db %1 --list listet die Läufe auf.</translation>
    </message>
    <message>
        <source>the id of a pilot customer</source>
        <translation>die ID eines Pilotkunden</translation>
    </message>
    <message>
        <source>option --customers is required for a customer report: the console&apos;s customers.db</source>
        <translation>Option --customers ist für einen Kundenbericht erforderlich: die customers.db der Konsole</translation>
    </message>
    <message>
        <source>%1 has no customer &quot;%2&quot;; its customers are: %3.</source>
        <translation>%1 hat keinen Kunden &quot;%2&quot;; vorhandene Kunden: %3.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Event volume and accuracy: every day stored in the engine database %1.</source>
        <translation>Ereignisvolumen und Genauigkeit: jeder in der Engine-Datenbank %1 gespeicherte Tag.</translation>
    </message>
    <message>
        <source>No metric history was given (--history), so the latency is unknown.</source>
        <translation>Es wurde kein Metrikverlauf angegeben (--history), daher ist die Latenz unbekannt.</translation>
    </message>
    <message>
        <source>engine database %1</source>
        <translation>Engine-Datenbank %1</translation>
    </message>
    <message>
        <source>usage: unmogrowp-node report --type TYPE --format pdf|html|csv --out FILE --db PATH [options]

Writes a report without a display (docs/REPORTS.md describes the reports and the goal score).

Report types:
  dashboard      one dashboard for its time range: every panel&apos;s value, target and state, with charts
  loadtest       one stored load-test run with its validation table
  customer       the customer-success report of one pilot customer
  goals          the pilot programme&apos;s goals with measured values, pass or fail, and the weighted score

Options:
  --type TYPE                 dashboard, loadtest, customer or goals (required)
  --format FORMAT             pdf, html or csv (required)
  --out FILE                  file to write; replaced only once the report is complete (required)
  --db PATH                   engine database of unmogrowp-node serve or replay, or the console&apos;s engine.db
                              (required); read-only. Customer and goal reports count event volume and
                              attribution accuracy in it; load-test runs are read from it unless --runs is given
  --history PATH              metric history: the console&apos;s history.db, or a node&apos;s --alert-history file
                              (default: PATH.alert-history beside --db, when it exists); needed by dashboards,
                              and by the latency, uptime and error-rate figures of the other reports
  --customers PATH            pilot-customer records: the console&apos;s customers.db; needed by customer reports,
                              and by the customer panels and goals
  --runs PATH                 load-test runs: the database of unmogrowp-node loadtest --db, or the console&apos;s
                              customers.db (default: --db)
  --dashboard NAME            dashboard reports: performance, customer-success, load-testing or onboarding
  --customer ID               customer reports: the customer id
  --run ID                    loadtest reports: the run (default: the newest); goal reports: the run that
                              measures throughput and latency (default: the newest completed run)
  --range DURATION            time range of the metric history, from 1m to 7d (default 1h)
  --end TIME                  end of the time range and day of the customer records, RFC 3339 or milliseconds
                              since the Unix epoch (default: now)
  --log-level LEVEL           debug, info, warning or error (default warning)
  --quiet                     print nothing on success
  Exit status: 0 when the report was written, 1 when a database could not be read or the file could not be
  written, 2 for invalid usage. The program uses Qt&apos;s offscreen platform unless QT_QPA_PLATFORM is set.
</source>
        <translation>Aufruf: unmogrowp-node report --type TYP --format pdf|html|csv --out DATEI --db PFAD [Optionen]

Schreibt einen Bericht ohne Display (docs/REPORTS.md beschreibt die Berichte und die Punktzahl der Ziele).

Berichtstypen:
  dashboard      ein Dashboard für seinen Zeitraum: Wert, Zielwert und Status jedes Panels, mit Diagrammen
  loadtest       ein gespeicherter Lasttestlauf mit seiner Validierungstabelle
  customer       der Customer-Success-Bericht eines Pilotkunden
  goals          die Ziele des Pilotprogramms mit Messwerten, erreicht oder verfehlt, und der gewichteten Punktzahl

Optionen:
  --type TYP                  dashboard, loadtest, customer oder goals (erforderlich)
  --format FORMAT             pdf, html oder csv (erforderlich)
  --out DATEI                 zu schreibende Datei; wird erst ersetzt, wenn der Bericht vollständig ist (erforderlich)
  --db PFAD                   Engine-Datenbank von unmogrowp-node serve oder replay oder die engine.db der Konsole
                              (erforderlich); nur lesend. Kunden- und Zielberichte zählen darin Ereignisvolumen und
                              Attributionsgenauigkeit; Lasttestläufe werden daraus gelesen, sofern --runs fehlt
  --history PFAD              Metrikverlauf: die history.db der Konsole oder die --alert-history-Datei eines Knotens
                              (Standard: PFAD.alert-history neben --db, falls vorhanden); benötigt von Dashboards
                              und von den Latenz-, Verfügbarkeits- und Fehlerraten-Kennzahlen der übrigen Berichte
  --customers PFAD            Pilotkunden-Datensätze: die customers.db der Konsole; benötigt von Kundenberichten
                              sowie von den Kunden-Panels und -Zielen
  --runs PFAD                 Lasttestläufe: die Datenbank von unmogrowp-node loadtest --db oder die
                              customers.db der Konsole (Standard: --db)
  --dashboard NAME            Dashboard-Berichte: performance, customer-success, load-testing oder onboarding
  --customer ID               Kundenberichte: die Kunden-ID
  --run ID                    Lasttestberichte: der Lauf (Standard: der neueste); Zielberichte: der Lauf, der
                              Durchsatz und Latenz misst (Standard: der neueste abgeschlossene Lauf)
  --range DAUER               Zeitraum des Metrikverlaufs, von 1m bis 7d (Standard 1h)
  --end ZEIT                  Ende des Zeitraums und Stichtag der Kundendatensätze, RFC 3339 oder Millisekunden
                              seit der Unix-Epoche (Standard: jetzt)
  --log-level STUFE           debug, info, warning oder error (Standard warning)
  --quiet                     bei Erfolg nichts ausgeben
  Exit-Status: 0, wenn der Bericht geschrieben wurde, 1, wenn eine Datenbank nicht gelesen oder die Datei nicht
  geschrieben werden konnte, 2 bei ungültigem Aufruf. Das Programm verwendet Qts Plattform offscreen, sofern
  QT_QPA_PLATFORM nicht gesetzt ist.
</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;; see unmogrowp-node report --help</source>
        <translation>unerwartetes Argument &quot;%1&quot;; siehe unmogrowp-node report --help</translation>
    </message>
    <message>
        <source>dashboard, loadtest, customer or goals</source>
        <translation>dashboard, loadtest, customer oder goals</translation>
    </message>
    <message>
        <source>pdf, html or csv</source>
        <translation>pdf, html oder csv</translation>
    </message>
    <message>
        <source>option --format is &quot;%1&quot;; use pdf, html or csv</source>
        <translation>Option --format ist &quot;%1&quot;; verwenden Sie pdf, html oder csv</translation>
    </message>
    <message>
        <source>the file to write</source>
        <translation>die zu schreibende Datei</translation>
    </message>
    <message>
        <source>the engine database (see --help)</source>
        <translation>die Engine-Datenbank (siehe --help)</translation>
    </message>
    <message>
        <source>Wrote the %1 report as %2 to %3.</source>
        <translation>Bericht %1 als %2 nach %3 geschrieben.</translation>
    </message>
</context>
<context>
    <name>umg::reports::ReportFiles</name>
    <message>
        <source>No metric history was given, so the latency is unknown.</source>
        <translation>Es wurde kein Metrikverlauf angegeben, daher ist die Latenz unbekannt.</translation>
    </message>
    <message>
        <source>The latency could not be read: %1</source>
        <translation>Die Latenz konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Latency: the newest customer_api_latency_ms values of the metric history in the %1 up to %2.</source>
        <translation>Latenz: die neuesten Werte von customer_api_latency_ms im Metrikverlauf, Zeitfenster %1 mit Ende %2.</translation>
    </message>
    <message>
        <source>The metric history has no latency of this customer in the %1 up to %2.</source>
        <translation>Der Metrikverlauf enthält keine Latenz dieses Kunden im Zeitfenster %1 mit Ende %2.</translation>
    </message>
</context>
<context>
    <name>umg::reports::ReportText</name>
    <message>
        <source>Target %1–%2</source>
        <translation>Zielwert %1–%2</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>Zielwert %1</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Seite %1</translation>
    </message>
    <message>
        <source>The PDF writer could not start painting.</source>
        <translation>Der PDF-Writer konnte nicht mit dem Zeichnen beginnen.</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Angabe</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Near target</source>
        <translation>Nahe am Zielwert</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Verfehlt</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 Minuten</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 Sekunde</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 Sekunden</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <comment>range of values; the second value carries the unit</comment>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Cannot write the report to %1: the folder %2 does not exist. Create the folder or choose another one.</source>
        <translation>Der Bericht kann nicht nach %1 geschrieben werden: Der Ordner %2 existiert nicht. Legen Sie den Ordner an oder wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>Cannot write the report to %1: %2 is a file, not a folder. Choose a path inside a folder.</source>
        <translation>Der Bericht kann nicht nach %1 geschrieben werden: %2 ist eine Datei, kein Ordner. Wählen Sie einen Pfad in einem Ordner.</translation>
    </message>
    <message>
        <source>Cannot write the report to %1: it is a folder. Add a file name such as report.pdf.</source>
        <translation>Der Bericht kann nicht nach %1 geschrieben werden: Das ist ein Ordner. Ergänzen Sie einen Dateinamen wie report.pdf.</translation>
    </message>
    <message>
        <source>Cannot write the report to %1: you may not write there (%2). Choose a folder you can write to, such as your home folder.</source>
        <translation>Der Bericht kann nicht nach %1 geschrieben werden: Sie haben dort keine Schreibrechte (%2). Wählen Sie einen Ordner, in den Sie schreiben dürfen, etwa Ihren persönlichen Ordner.</translation>
    </message>
    <message>
        <source>Cannot write the report to %1: %2. Choose another folder or file name.</source>
        <translation>Der Bericht kann nicht nach %1 geschrieben werden: %2. Wählen Sie einen anderen Ordner oder Dateinamen.</translation>
    </message>
    <message>
        <source>No file name was given for the report. Choose a file to write to.</source>
        <translation>Für den Bericht wurde kein Dateiname angegeben. Wählen Sie eine Zieldatei.</translation>
    </message>
    <message>
        <source>A PDF report needs a QGuiApplication for its fonts; start one, on the offscreen platform when there is no display.</source>
        <translation>Ein PDF-Bericht benötigt für seine Schriften eine QGuiApplication; starten Sie eine, ohne Display auf der Plattform offscreen.</translation>
    </message>
    <message>
        <source>Cannot write the report to %1: %2. Check the free space on the disk and try again.</source>
        <translation>Der Bericht kann nicht nach %1 geschrieben werden: %2. Prüfen Sie den freien Speicherplatz und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Cannot save the report as %1: %2. Check the free space and that you may replace the file.</source>
        <translation>Der Bericht kann nicht als %1 gespeichert werden: %2. Prüfen Sie den freien Speicherplatz und ob Sie die Datei ersetzen dürfen.</translation>
    </message>
    <message>
        <source>MM-dd</source>
        <comment>time axis format of report charts: a day</comment>
        <translation>dd.MM.</translation>
    </message>
    <message>
        <source>MM-dd HH:mm</source>
        <comment>time axis format of report charts: a day and a time</comment>
        <translation>dd.MM. HH:mm</translation>
    </message>
    <message>
        <source>%1 %2 UTC</source>
        <comment>date and time</comment>
        <translation>%1 %2 UTC</translation>
    </message>
    <message>
        <source>Cannot write the report to %1: it is not a regular file but a device, FIFO or socket. Choose the path of a regular file.</source>
        <translation>Der Bericht kann nicht nach %1 geschrieben werden: Das ist keine reguläre Datei, sondern ein Gerät, eine FIFO oder ein Socket. Wählen Sie den Pfad einer regulären Datei.</translation>
    </message>
</context>
</TS>
