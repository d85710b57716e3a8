
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0455df6bbecebd35': `Sie sehen das Portal als andere Person: Änderungen sind nicht erlaubt.`,
's09205907b5b56cda': `Nein`,
's13025e355c04a280': `Seite wird geladen …`,
's1bcf2408dd833e0c': `Diese Seite ist nicht verfügbar.`,
's225f9d3017d448ee': `Diese Art von Seite ist in diesem Portal bald verfügbar.`,
's305051eb9e8034b6': `Das Portal ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.`,
's3be5efecf0bdbe1d': `Auf dieser Seite gibt es noch keine Widgets.`,
's432a95ff27de1449': `Nur lesen: Solange Sie als andere Person ansehen, sind Änderungen deaktiviert.`,
's45a1aa12131f3ce7': `Portal wird geladen …`,
's4802bb8eb52fbdeb': `Portal`,
's4c2399420e1d74ac': `Der Anmeldelink ist ungültig. Öffnen Sie das Portal erneut aus der Anwendung.`,
's4cc36c4dfd310b82': `Dazu fehlt Ihnen die Berechtigung.`,
's4ff1341d199c2539': `Sie dürfen dieses Portal nicht als diese Person ansehen.`,
's5cc7328232972643': `Ihr Portalzugang ist nicht aktiv.`,
's5f68b1ace4325aa7': `In diesem Portal wurde noch nichts mit Ihnen geteilt.`,
's6d8c02aee480af7a': `Menü`,
's736157452e7fc7af': `Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.`,
's73942a4a0388a727': `Dieses Portal wartet auf ein Anmelde-Token der Anwendung.`,
's73baaf7833865aa0': `Ihre Sitzung ist beendet.`,
's748321eb7ca1b55c': `Diese Seite konnte nicht geladen werden.`,
's7cfe12cd14df9950': `Abmelden`,
's7eabf174e0df1956': `Dieser Inhalt kann nicht angezeigt werden.`,
's83c6678757b7899b': `Seiteninhalt`,
's84f31d4e0615788a': str`Ansicht als ${0}`,
's9bb402d1e6e6656a': `Ansicht beenden`,
'sb4694b65ae17a4ec': `Der Anmeldelink ist abgelaufen. Öffnen Sie das Portal erneut aus der Anwendung.`,
'sb9519f8ad1e5e89b': `Hier wurde noch nichts geteilt.`,
'scb489a1a173ac3f0': `Ja`,
'scd1dd6ff53d0d01a': `Erneut versuchen`,
'sce198c3be8fbf725': `Dieses Widget kann nicht angezeigt werden. Sie haben keinen Zugriff`,
'scec8fd86d10676a6': `Ihre E-Mail-Adresse wird von mehr als einer Portalperson verwendet. Bitten Sie Ihre Ansprechperson, das zu korrigieren.`,
'sd195dd16f7486aa3': str`${0} Datensätze`,
'sd3289793e2977b29': `Melden Sie sich in der Anwendung erneut an, um weiterzuarbeiten.`,
'sd5e9b70ffb7a8b46': `Zum Inhalt springen`,
'se796853bef1eddcf': `Sie haben keinen Zugriff auf dieses Portal.`,
'sec33c40dcc7343a4': `Sie haben sich vom Portal abgemeldet.`,
'sedaf5d4539858c46': `Ansicht als andere Person`,
'sf455696bebc034fc': `Ihr Zugang zu diesem Portal wurde beendet.`,
'sf906e304a8591570': `Dieser Anmeldelink wurde bereits verwendet. Öffnen Sie das Portal erneut aus der Anwendung.`,
    };
  