"""French and Dutch of the errors of the store (embedded, remote, lock, server) and of the translation
commands.

Part of the catalogue :data:`referentiel.error_messages.MESSAGES` (kept apart so that each file stays
readable): English template -> its French and Dutch, with the same placeholders.
"""

# ruff: noqa: E501 - a catalogue of sentences: a line per sentence reads better than split literals

from __future__ import annotations


def _m(fr: str, nl: str) -> dict[str, str]:
    return {"fr": fr, "nl": nl}


STORE: dict[str, dict[str, str]] = {
    # Loading (store/base.py)
    "cannot name the graph of data read from standard input": _m(
        "impossible de nommer le graphe de données lues sur l'entrée standard",
        "de graaf van gegevens die van de standaardinvoer gelezen zijn, kan geen naam krijgen",
    ),
    "give --graph IRI or --organisation ORG": _m(
        "indiquez --graph IRI ou --organisation ORG", "geef --graph IRI of --organisation ORG"
    ),
    "no data file given": _m("aucun fichier de données indiqué", "geen gegevensbestand opgegeven"),
    "give one or more RDF files (Turtle, N-Triples, ...)": _m(
        "indiquez un ou plusieurs fichiers RDF (Turtle, N-Triples, ...)",
        "geef een of meer RDF-bestanden (Turtle, N-Triples, ...)",
    ),
    "the graph name {graph!r} is not an absolute IRI": _m(
        "le nom de graphe {graph!r} n'est pas une IRI absolue", "de graafnaam {graph!r} is geen absolute IRI"
    ),
    "give --graph https://example.org/graph/name": _m(
        "indiquez --graph https://example.org/graph/name", "geef --graph https://example.org/graph/name"
    ),
    "the graph {graph} is reserved for the store itself": _m(
        "le graphe {graph} est réservé au store lui-même",
        "de graaf {graph} is voorbehouden aan de store zelf",
    ),
    "give another --graph IRI": _m("indiquez une autre IRI pour --graph", "geef een andere IRI voor --graph"),
    "SHACL validation is not available in this installation (referentiel.validation.validate)": _m(
        "la validation SHACL n'est pas disponible dans cette installation (referentiel.validation.validate)",
        "SHACL-validatie is niet beschikbaar in deze installatie (referentiel.validation.validate)",
    ),
    "reinstall referentiel; nothing was loaded": _m(
        "réinstallez referentiel ; rien n'a été chargé", "installeer referentiel opnieuw; er is niets geladen"
    ),
    "unsupported RDF term {kind} in the graph": _m(
        "terme RDF non pris en charge dans le graphe : {kind}",
        "niet-ondersteunde RDF-term in de graaf: {kind}",
    ),
    "the data does not conform to the framework's shapes ({violations} violation(s), {results} result(s)); nothing was loaded": _m(
        "les données ne sont pas conformes aux formes du cadre ({violations} violation(s), {results} résultat(s)) ; rien n'a été chargé",
        "de gegevens voldoen niet aan de vormen van het kader ({violations} schending(en), {results} resultaat/resultaten); er is niets geladen",
    ),
    "run `referentiel validate` on the files to see the problems and fix them, or load anyway with --force (recorded in the store's metadata)": _m(
        "lancez `referentiel validate` sur les fichiers pour voir les problèmes et les corriger, ou chargez quand même avec --force (noté dans les métadonnées du store)",
        "voer `referentiel validate` uit op de bestanden om de problemen te zien en te verhelpen, of laad toch met --force (vastgelegd in de metadata van de store)",
    ),
    # The embedded store (store/embedded.py)
    "the store location is a file, not a directory": _m(
        "l'emplacement du store est un fichier, pas un dossier",
        "de locatie van de store is een bestand, geen map",
    ),
    "give --store a directory": _m("donnez un dossier à --store", "geef --store een map"),
    "this directory is not empty and holds no referentiel store": _m(
        "ce dossier n'est pas vide et ne contient aucun store referentiel",
        "deze map is niet leeg en bevat geen referentiel-store",
    ),
    "give --store a new or empty directory, or the directory of an existing store": _m(
        "donnez à --store un dossier nouveau ou vide, ou le dossier d'un store existant",
        "geef --store een nieuwe of lege map, of de map van een bestaande store",
    ),
    "no store here yet": _m("pas encore de store ici", "hier is nog geen store"),
    "load data first with `referentiel load FILE...`, or give --store DIR": _m(
        "chargez d'abord des données avec `referentiel load FILE...`, ou indiquez --store DIR",
        "laad eerst gegevens met `referentiel load FILE...`, of geef --store DIR",
    ),
    "cannot open the store ({why})": _m(
        "impossible d'ouvrir le store ({why})", "de store kan niet geopend worden ({why})"
    ),
    "check the directory and its permissions": _m(
        "vérifiez le dossier et ses droits d'accès", "controleer de map en haar toegangsrechten"
    ),
    "invalid SPARQL update ({why})": _m(
        "mise à jour SPARQL invalide ({why})", "ongeldige SPARQL-update ({why})"
    ),
    "the store refused the update ({why})": _m(
        "le store a refusé la mise à jour ({why})", "de store weigerde de update ({why})"
    ),
    "the store refused the cleanup ({why})": _m(
        "le store a refusé le nettoyage ({why})", "de store weigerde de opruiming ({why})"
    ),
    "the store refused the load ({why})": _m(
        "le store a refusé le chargement ({why})", "de store weigerde het laden ({why})"
    ),
    "invalid SPARQL query ({why})": _m("requête SPARQL invalide ({why})", "ongeldige SPARQL-query ({why})"),
    "check the query syntax (SPARQL 1.1)": _m(
        "vérifiez la syntaxe de la requête (SPARQL 1.1)", "controleer de syntaxis van de query (SPARQL 1.1)"
    ),
    "the query failed ({why})": _m("la requête a échoué ({why})", "de query is mislukt ({why})"),
    "the store is in use by another process": _m(
        "le store est utilisé par un autre processus", "de store is in gebruik door een ander proces"
    ),
    "wait for the other `referentiel` command (a load, or `referentiel serve`) to end": _m(
        "attendez la fin de l'autre commande `referentiel` (un chargement, ou `referentiel serve`)",
        "wacht tot het andere `referentiel`-commando (een laadbewerking, of `referentiel serve`) klaar is",
    ),
    # The lock (store/lock.py)
    "the store is in use by another process ({holder}, pid {pid}, since {since})": _m(
        "le store est utilisé par un autre processus ({holder}, pid {pid}, depuis {since})",
        "de store is in gebruik door een ander proces ({holder}, pid {pid}, sinds {since})",
    ),
    "one program at a time loads into or serves a store: stop `referentiel serve` (Ctrl-C) or wait for the other load to end, then try again": _m(
        "un seul programme à la fois charge ou sert un store : arrêtez `referentiel serve` (Ctrl-C) ou attendez la fin de l'autre chargement, puis réessayez",
        "één programma tegelijk laadt in of serveert een store: stop `referentiel serve` (Ctrl-C) of wacht tot het andere laden klaar is, en probeer opnieuw",
    ),
    # A remote SPARQL endpoint (store/remote.py)
    "the endpoint is not an http(s) URL": _m(
        "le point d'accès n'est pas une URL http(s)", "het eindpunt is geen http(s)-URL"
    ),
    "give --endpoint http://host:port/path": _m(
        "indiquez --endpoint http://host:port/path", "geef --endpoint http://host:port/path"
    ),
    "the endpoint URL contains credentials; they would leak into shell history and logs": _m(
        "l'URL du point d'accès contient des identifiants de connexion ; ils se retrouveraient dans l'historique du shell et dans les journaux",
        "de URL van het eindpunt bevat inloggegevens; die zouden in de shellgeschiedenis en in de logboeken terechtkomen",
    ),
    "remove user:password@ from the URL and set REFERENTIEL_ENDPOINT_USER and REFERENTIEL_ENDPOINT_PASSWORD (or REFERENTIEL_ENDPOINT_TOKEN) in the environment": _m(
        "retirez user:password@ de l'URL et définissez REFERENTIEL_ENDPOINT_USER et REFERENTIEL_ENDPOINT_PASSWORD (ou REFERENTIEL_ENDPOINT_TOKEN) dans l'environnement",
        "haal user:password@ uit de URL en zet REFERENTIEL_ENDPOINT_USER en REFERENTIEL_ENDPOINT_PASSWORD (of REFERENTIEL_ENDPOINT_TOKEN) in de omgeving",
    ),
    "cannot read the password file named by REFERENTIEL_ENDPOINT_PASSWORD_FILE ({why})": _m(
        "impossible de lire le fichier de mot de passe désigné par REFERENTIEL_ENDPOINT_PASSWORD_FILE ({why})",
        "het wachtwoordbestand dat REFERENTIEL_ENDPOINT_PASSWORD_FILE aanwijst, kan niet gelezen worden ({why})",
    ),
    "give a readable UTF-8 file holding the password on its first line": _m(
        "indiquez un fichier UTF-8 lisible qui contient le mot de passe sur sa première ligne",
        "geef een leesbaar UTF-8-bestand met het wachtwoord op de eerste regel",
    ),
    "no update URL for this endpoint": _m(
        "pas d'URL de mise à jour pour ce point d'accès", "geen update-URL voor dit eindpunt"
    ),
    "set REFERENTIEL_ENDPOINT_UPDATE": _m(
        "définissez REFERENTIEL_ENDPOINT_UPDATE", "zet REFERENTIEL_ENDPOINT_UPDATE"
    ),
    # What went wrong with a server (store/remote_errors.py)
    "the server answered HTTP {status}{detail}": _m(
        "le serveur a répondu HTTP {status}{detail}", "de server antwoordde HTTP {status}{detail}"
    ),
    "the server refused the credentials (HTTP 401{detail})": _m(
        "le serveur a refusé les identifiants (HTTP 401{detail})",
        "de server weigerde de aanmeldgegevens (HTTP 401{detail})",
    ),
    "the server asks for credentials (HTTP 401{detail})": _m(
        "le serveur demande des identifiants (HTTP 401{detail})",
        "de server vraagt om aanmeldgegevens (HTTP 401{detail})",
    ),
    "set REFERENTIEL_ENDPOINT_USER and REFERENTIEL_ENDPOINT_PASSWORD (or REFERENTIEL_ENDPOINT_TOKEN) in the environment": _m(
        "définissez REFERENTIEL_ENDPOINT_USER et REFERENTIEL_ENDPOINT_PASSWORD (ou REFERENTIEL_ENDPOINT_TOKEN) dans l'environnement",
        "zet REFERENTIEL_ENDPOINT_USER en REFERENTIEL_ENDPOINT_PASSWORD (of REFERENTIEL_ENDPOINT_TOKEN) in de omgeving",
    ),
    "the server refused access (HTTP 403{detail})": _m(
        "le serveur a refusé l'accès (HTTP 403{detail})", "de server weigerde de toegang (HTTP 403{detail})"
    ),
    "the account needs the right to query, and to update for load and ingest (Virtuoso: the SPARQL_UPDATE role); ask the server's administrator, or check REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_TOKEN": _m(
        "le compte doit avoir le droit d'interroger, et de modifier pour load et ingest (Virtuoso : le rôle SPARQL_UPDATE) ; demandez-le à l'administrateur du serveur, ou vérifiez REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_TOKEN",
        "de account heeft het recht nodig om te bevragen, en om te wijzigen voor load en ingest (Virtuoso: de rol SPARQL_UPDATE); vraag het aan de beheerder van de server, of controleer REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_TOKEN",
    ),
    "nothing at this URL (HTTP {status}{detail})": _m(
        "rien à cette URL (HTTP {status}{detail})", "niets op deze URL (HTTP {status}{detail})"
    ),
    "this URL does not take this request (HTTP 405{detail})": _m(
        "cette URL n'accepte pas cette requête (HTTP 405{detail})",
        "deze URL aanvaardt dit verzoek niet (HTTP 405{detail})",
    ),
    "the server refused a request as too large (HTTP 413{detail})": _m(
        "le serveur a refusé une requête trop grande (HTTP 413{detail})",
        "de server weigerde een te groot verzoek (HTTP 413{detail})",
    ),
    "raise the request size limit of the server or of the proxy in front of it (nginx: client_max_body_size)": _m(
        "relevez la taille maximale des requêtes du serveur ou du proxy placé devant lui (nginx : client_max_body_size)",
        "verhoog de maximale verzoekgrootte van de server of van de proxy ervoor (nginx: client_max_body_size)",
    ),
    "the server asks to slow down (HTTP 429{detail})": _m(
        "le serveur demande de ralentir (HTTP 429{detail})",
        "de server vraagt om te vertragen (HTTP 429{detail})",
    ),
    "try again later": _m("réessayez plus tard", "probeer het later opnieuw"),
    "a proxy in front of the SPARQL server got no answer from it (HTTP {status}{detail})": _m(
        "un proxy placé devant le serveur SPARQL n'a pas obtenu de réponse de celui-ci (HTTP {status}{detail})",
        "een proxy voor de SPARQL-server kreeg er geen antwoord van (HTTP {status}{detail})",
    ),
    "check that the SPARQL server behind the proxy is running; try again later": _m(
        "vérifiez que le serveur SPARQL derrière le proxy tourne ; réessayez plus tard",
        "controleer of de SPARQL-server achter de proxy draait; probeer het later opnieuw",
    ),
    "the server is unavailable or overloaded (HTTP 503{detail})": _m(
        "le serveur est indisponible ou surchargé (HTTP 503{detail})",
        "de server is niet beschikbaar of overbelast (HTTP 503{detail})",
    ),
    "try again later; if it lasts, check the server and its log": _m(
        "réessayez plus tard ; si cela dure, vérifiez le serveur et son journal",
        "probeer het later opnieuw; als het aanhoudt, controleer de server en zijn logboek",
    ),
    "the server failed on the request (HTTP {status}{detail})": _m(
        "le serveur a échoué sur la requête (HTTP {status}{detail})",
        "de server faalde bij het verzoek (HTTP {status}{detail})",
    ),
    "the SPARQL server did not answer within {seconds} s": _m(
        "le serveur SPARQL n'a pas répondu dans les {seconds} s",
        "de SPARQL-server antwoordde niet binnen {seconds} s",
    ),
    "the server may be overloaded or the request large; try again later, or allow more time with --endpoint-timeout SECONDS (or REFERENTIEL_ENDPOINT_TIMEOUT)": _m(
        "le serveur est peut-être surchargé ou la requête volumineuse ; réessayez plus tard, ou accordez plus de temps avec --endpoint-timeout SECONDES (ou REFERENTIEL_ENDPOINT_TIMEOUT)",
        "de server is misschien overbelast of het verzoek groot; probeer het later opnieuw, of geef meer tijd met --endpoint-timeout SECONDEN (of REFERENTIEL_ENDPOINT_TIMEOUT)",
    ),
    "nothing answers at this address (connection refused)": _m(
        "rien ne répond à cette adresse (connexion refusée)",
        "niets antwoordt op dit adres (verbinding geweigerd)",
    ),
    "start the SPARQL server, or check the host and port of --endpoint": _m(
        "démarrez le serveur SPARQL, ou vérifiez l'hôte et le port de --endpoint",
        "start de SPARQL-server, of controleer de host en de poort van --endpoint",
    ),
    "unknown host (the name does not resolve)": _m(
        "hôte inconnu (le nom ne se résout pas)", "onbekende host (de naam wordt niet gevonden)"
    ),
    "check the host name in --endpoint": _m(
        "vérifiez le nom d'hôte dans --endpoint", "controleer de hostnaam in --endpoint"
    ),
    "the server's TLS certificate could not be verified": _m(
        "le certificat TLS du serveur n'a pas pu être vérifié",
        "het TLS-certificaat van de server kon niet geverifieerd worden",
    ),
    "use the server's name as in its certificate; for a private authority, point SSL_CERT_FILE at its certificate": _m(
        "utilisez le nom du serveur tel qu'il figure dans son certificat ; pour une autorité privée, indiquez son certificat dans SSL_CERT_FILE",
        "gebruik de naam van de server zoals in zijn certificaat; voor een private autoriteit, wijs SSL_CERT_FILE naar haar certificaat",
    ),
    "the connection was cut before the server answered": _m(
        "la connexion a été coupée avant la réponse du serveur",
        "de verbinding werd verbroken voor de server antwoordde",
    ),
    "the server (or a proxy) may have stopped or refused a large request; see its log, then try again": _m(
        "le serveur (ou un proxy) s'est peut-être arrêté ou a refusé une grande requête ; consultez son journal, puis réessayez",
        "de server (of een proxy) is misschien gestopt of weigerde een groot verzoek; raadpleeg zijn logboek en probeer het opnieuw",
    ),
    "the server answered a web page, not SPARQL results{title}": _m(
        "le serveur a répondu par une page web, pas par des résultats SPARQL{title}",
        "de server antwoordde met een webpagina, niet met SPARQL-resultaten{title}",
    ),
    "--endpoint must be the SPARQL endpoint itself (Oxigraph http://host:7878, Virtuoso http://host:8890/sparql); a login page or a proxy's page means the request did not reach it: set the credentials (REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_PASSWORD or REFERENTIEL_ENDPOINT_TOKEN) or ask the proxy's administrator": _m(
        "--endpoint doit être le point d'accès SPARQL lui-même (Oxigraph http://host:7878, Virtuoso http://host:8890/sparql) ; une page de connexion ou d'un proxy signifie que la requête ne l'a pas atteint : définissez les identifiants (REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_PASSWORD ou REFERENTIEL_ENDPOINT_TOKEN) ou adressez-vous à l'administrateur du proxy",
        "--endpoint moet het SPARQL-eindpunt zelf zijn (Oxigraph http://host:7878, Virtuoso http://host:8890/sparql); een aanmeldpagina of een pagina van een proxy betekent dat het verzoek het niet bereikte: zet de aanmeldgegevens (REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_PASSWORD of REFERENTIEL_ENDPOINT_TOKEN) of vraag het aan de beheerder van de proxy",
    ),
    "the server answered {media}, not SPARQL results": _m(
        "le serveur a répondu {media}, pas des résultats SPARQL",
        "de server antwoordde {media}, geen SPARQL-resultaten",
    ),
    "check that --endpoint is a SPARQL 1.1 endpoint": _m(
        "vérifiez que --endpoint est un point d'accès SPARQL 1.1",
        "controleer of --endpoint een SPARQL 1.1-eindpunt is",
    ),
    "check that --endpoint is a SPARQL 1.1 endpoint; see the server's log": _m(
        "vérifiez que --endpoint est un point d'accès SPARQL 1.1 ; consultez le journal du serveur",
        "controleer of --endpoint een SPARQL 1.1-eindpunt is; raadpleeg het logboek van de server",
    ),
    "the endpoint timeout must be a number of seconds between 0 and 86400, not {value!r}": _m(
        "le délai du point d'accès doit être un nombre de secondes entre 0 et 86400, pas {value!r}",
        "de time-out van het eindpunt moet een aantal seconden tussen 0 en 86400 zijn, niet {value!r}",
    ),
    "give --endpoint-timeout 300 (or REFERENTIEL_ENDPOINT_TIMEOUT=300)": _m(
        "indiquez --endpoint-timeout 300 (ou REFERENTIEL_ENDPOINT_TIMEOUT=300)",
        "geef --endpoint-timeout 300 (of REFERENTIEL_ENDPOINT_TIMEOUT=300)",
    ),
    "check REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_PASSWORD (or REFERENTIEL_ENDPOINT_TOKEN) and the server's access rights": _m(
        "vérifiez REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_PASSWORD (ou REFERENTIEL_ENDPOINT_TOKEN) et les droits d'accès du serveur",
        "controleer REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_PASSWORD (of REFERENTIEL_ENDPOINT_TOKEN) en de toegangsrechten van de server",
    ),
    "check the URL: Fuseki uses /DATASET/query and /DATASET/update, Oxigraph /query and /update, GraphDB /repositories/REPO and .../statements (REFERENTIEL_ENDPOINT_UPDATE)": _m(
        "vérifiez l'URL : Fuseki utilise /DATASET/query et /DATASET/update, Oxigraph /query et /update, GraphDB /repositories/REPO et .../statements (REFERENTIEL_ENDPOINT_UPDATE)",
        "controleer de URL: Fuseki gebruikt /DATASET/query en /DATASET/update, Oxigraph /query en /update, GraphDB /repositories/REPO en .../statements (REFERENTIEL_ENDPOINT_UPDATE)",
    ),
    "see the server's log": _m("consultez le journal du serveur", "raadpleeg het logboek van de server"),
    "cannot reach the SPARQL server ({reason})": _m(
        "impossible de joindre le serveur SPARQL ({reason})", "de SPARQL-server is niet bereikbaar ({reason})"
    ),
    "check that the server is running and the URL (--endpoint)": _m(
        "vérifiez que le serveur tourne, et l'URL (--endpoint)",
        "controleer of de server draait, en de URL (--endpoint)",
    ),
    "the server's answer could not be read ({why})": _m(
        "la réponse du serveur est illisible ({why})",
        "het antwoord van de server kon niet gelezen worden ({why})",
    ),
    # Query parameters (store/sparql.py)
    "cannot bind parameters: the query has no WHERE group {{ ... }}": _m(
        "impossible de lier les paramètres : la requête n'a pas de groupe WHERE {{ ... }}",
        "de parameters kunnen niet gebonden worden: de query heeft geen WHERE-groep {{ ... }}",
    ),
    # The SPARQL server (store/serve.py)
    "--min-count must be at least 2 on a server": _m(
        "--min-count doit valoir au moins 2 sur un serveur", "--min-count moet op een server minstens 2 zijn"
    ),
    "the default is 5 families; exact answers (--min-count 1) are for `referentiel query`": _m(
        "la valeur par défaut est 5 familles ; les réponses exactes (--min-count 1) sont pour `referentiel query`",
        "de standaard is 5 gezinnen; exacte antwoorden (--min-count 1) zijn voor `referentiel query`",
    ),
    "the token is too short (fewer than {n} characters)": _m(
        "le jeton est trop court (moins de {n} caractères)", "de token is te kort (minder dan {n} tekens)"
    ),
    'set {env} to a long random secret (e.g. `python -c "import secrets; print(secrets.token_urlsafe(32))"`) and give it to the researchers, who send it as `Authorization: Bearer TOKEN`; or listen on 127.0.0.1 only': _m(
        'définissez {env} avec un long secret aléatoire (p. ex. `python -c "import secrets; print(secrets.token_urlsafe(32))"`) et donnez-le aux chercheur·es, qui l\'envoient en `Authorization: Bearer JETON` ; ou écoutez sur 127.0.0.1 seulement',
        'zet {env} op een lang willekeurig geheim (bv. `python -c "import secrets; print(secrets.token_urlsafe(32))"`) en geef het aan de onderzoekers, die het sturen als `Authorization: Bearer TOKEN`; of luister enkel op 127.0.0.1',
    ),
    "refusing to listen on {host} without a token: anyone who can reach this machine could query the store": _m(
        "refus d'écouter sur {host} sans jeton : toute personne qui atteint cette machine pourrait interroger le store",
        "weigert te luisteren op {host} zonder token: iedereen die deze machine bereikt, zou de store kunnen bevragen",
    ),
    "cannot listen on {host}:{port} ({why})": _m(
        "impossible d'écouter sur {host}:{port} ({why})", "kan niet luisteren op {host}:{port} ({why})"
    ),
    "choose another --port, or stop the program using it": _m(
        "choisissez un autre --port, ou arrêtez le programme qui l'utilise",
        "kies een andere --port, of stop het programma dat hem gebruikt",
    ),
    # The translation commands (translation/cli.py)
    "no terms to suggest mappings for": _m(
        "aucun terme pour lequel suggérer des correspondances", "geen termen om mappings voor voor te stellen"
    ),
    "give --from ORG (its unmapped terms) or --terms FILE (with --from naming the organisation the terms belong to)": _m(
        "indiquez --from ORG (ses termes sans correspondance) ou --terms FILE (avec --from nommant l'organisation à laquelle les termes appartiennent)",
        "geef --from ORG (haar termen zonder mapping) of --terms FILE (met --from voor de organisatie waartoe de termen behoren)",
    ),
    "a decision is either an acceptance or a rejection": _m(
        "une décision est soit une acceptation, soit un rejet",
        "een beslissing is ofwel een aanvaarding, ofwel een afwijzing",
    ),
    "give exactly one of --accept CONCEPT or --reject CONCEPT": _m(
        "indiquez soit --accept CONCEPT, soit --reject CONCEPT, pas les deux",
        "geef ofwel --accept CONCEPT, ofwel --reject CONCEPT, niet allebei",
    ),
    "this mapping set already exists: it may hold reviewed mappings": _m(
        "ce jeu de correspondances existe déjà : il contient peut-être des correspondances relues",
        "deze mappingset bestaat al: hij kan nagekeken mappings bevatten",
    ),
    "this profile already exists: it may be reviewed already": _m(
        "ce profil existe déjà : il a peut-être déjà été relu",
        "dit profiel bestaat al: het is misschien al nagekeken",
    ),
    "give another -o, or --force to replace it": _m(
        "indiquez un autre -o, ou --force pour le remplacer",
        "geef een andere -o, of --force om het te vervangen",
    ),
    "the store cannot be opened: it is damaged or not a referentiel store ({why})": _m(
        "le store ne peut pas être ouvert : il est endommagé ou ce n'est pas un store referentiel ({why})",
        "de store kan niet geopend worden: hij is beschadigd of is geen referentiel-store ({why})",
    ),
    "give --store an empty or new directory and load the exports again (the store can always be rebuilt from the exports)": _m(
        "donnez à --store un dossier vide ou nouveau et chargez à nouveau les exports (le store peut toujours être reconstruit à partir des exports)",
        "geef --store een lege of nieuwe map en laad de exports opnieuw (de store kan altijd opnieuw opgebouwd worden uit de exports)",
    ),
    # The test servers (store/testing.py)
    "the server at {url} did not answer within {timeout:g} s": _m(
        "le serveur à {url} n'a pas répondu en {timeout:g} s",
        "de server op {url} antwoordde niet binnen {timeout:g} s",
    ),
    "the Oxigraph server is not installed": _m(
        "le serveur Oxigraph n'est pas installé", "de Oxigraph-server is niet geïnstalleerd"
    ),
    "pip install oxigraph": _m("installez-le : pip install oxigraph", "installeer hem: pip install oxigraph"),
    "Virtuoso refused {statement!r}: {why}": _m(
        "Virtuoso a refusé {statement!r} : {why}", "Virtuoso weigerde {statement!r}: {why}"
    ),
    "OpenLink Virtuoso is not installed": _m(
        "OpenLink Virtuoso n'est pas installé", "OpenLink Virtuoso is niet geïnstalleerd"
    ),
    "apt-get install virtuoso-opensource": _m(
        "installez-le : apt-get install virtuoso-opensource",
        "installeer het: apt-get install virtuoso-opensource",
    ),
}
