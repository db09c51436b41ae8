<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>&amp;Export as PDF…</source>
        <translation>&amp;Exporter en PDF…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Update from the wiki…</source>
        <translation>&amp;Mettre à jour depuis le wiki…</translation>
    </message>
    <message>
        <source>Download the latest version of the FAQ from the wiki</source>
        <translation>Télécharger la dernière version de la FAQ depuis le wiki</translation>
    </message>
    <message>
        <source>Content &amp;information</source>
        <translation>&amp;Informations sur le contenu</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Précédent</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Suivant</translation>
    </message>
    <message>
        <source>&amp;Go back to the previous content</source>
        <translation>&amp;Revenir au contenu précédent</translation>
    </message>
    <message>
        <source>Export the &amp;content…</source>
        <translation>Exporter le &amp;contenu…</translation>
    </message>
    <message>
        <source>Write the content shown into one file, to carry it (USB stick)</source>
        <translation>Écrire le contenu affiché dans un seul fichier, pour l&apos;emporter (clé USB)</translation>
    </message>
    <message>
        <source>&amp;Import content…</source>
        <translation>I&amp;mporter du contenu…</translation>
    </message>
    <message>
        <source>Replace the content with the one of a content file (.faqpack)</source>
        <translation>Remplacer le contenu par celui d&apos;un fichier de contenu (.faqpack)</translation>
    </message>
    <message>
        <source>R&amp;estore the undone update</source>
        <translation>Rét&amp;ablir la mise à jour annulée</translation>
    </message>
    <message>
        <source>Bring back the content that going back to the previous one left</source>
        <translation>Remettre le contenu que le retour au contenu précédent a laissé</translation>
    </message>
    <message>
        <source>Wiki &amp;preferences…</source>
        <translation>&amp;Préférences du wiki…</translation>
    </message>
    <message>
        <source>Find in the &amp;answer…</source>
        <translation>&amp;Rechercher dans la réponse…</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>Re&amp;cherche</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom a&amp;vant</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoo&amp;m arrière</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>Taille &amp;normale</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Système</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Clair</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>S&amp;ombre</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Content</source>
        <translation>&amp;Contenu</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
</context>
<context>
    <name>AddressDialog</name>
    <message>
        <source>Open the folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Open the address</source>
        <translation>Ouvrir l&apos;adresse</translation>
    </message>
    <message>
        <source>No file manager could open this folder. Its path, to copy:</source>
        <translation>Aucun gestionnaire de fichiers n&apos;a pu ouvrir ce dossier. Son chemin, à copier :</translation>
    </message>
    <message>
        <source>No web browser could open this address. Copy it into a browser:</source>
        <translation>Aucun navigateur n&apos;a pu ouvrir cette adresse. Copiez-la dans un navigateur :</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Copy status</source>
        <translation>État de la copie</translation>
    </message>
    <message>
        <source>&amp;Copy the path</source>
        <translation>&amp;Copier le chemin</translation>
    </message>
    <message>
        <source>&amp;Copy the address</source>
        <translation>&amp;Copier l&apos;adresse</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Path copied: paste it into a file manager (Ctrl+V).</source>
        <translation>Chemin copié : collez-le dans un gestionnaire de fichiers (Ctrl+V).</translation>
    </message>
    <message>
        <source>Address copied: paste it into a browser (Ctrl+V).</source>
        <translation>Adresse copiée : collez-la dans un navigateur (Ctrl+V).</translation>
    </message>
</context>
<context>
    <name>AnswerPane</name>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Image missing: %1</source>
        <translation>Image manquante&#xa0;: %1</translation>
    </message>
    <message>
        <source>The PDF could not be written: %1</source>
        <translation>Le PDF n&apos;a pas pu être écrit&#xa0;: %1</translation>
    </message>
    <message>
        <source>Export as PDF</source>
        <translation>Exporter en PDF</translation>
    </message>
    <message>
        <source>PDF written: %1</source>
        <translation>PDF enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>File saved: %1</source>
        <translation>Fichier enregistré&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>AnswerView</name>
    <message>
        <source>synonym of “%1”</source>
        <translation>synonyme de «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>CodeDownload</name>
    <message>
        <source>Save as %1</source>
        <translation>Enregistrer sous %1</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>Le fichier n&apos;a pas pu être enregistré&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ContentHistory</name>
    <message>
        <source>Cannot go back</source>
        <translation>Retour impossible</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>Rétablissement impossible</translation>
    </message>
    <message>
        <source>Previous content restored.</source>
        <translation>Contenu précédent rétabli.</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Rien à annuler</translation>
    </message>
    <message>
        <source>Nothing more to undo: the content before the last update is shown.</source>
        <translation>Rien de plus à annuler : le contenu d&apos;avant la dernière mise à jour est déjà affiché.</translation>
    </message>
    <message>
        <source>Restore the undone update</source>
        <translation>Rétablir la mise à jour annulée</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>The previous content is damaged or unreadable; nothing changed.</source>
        <translation>Le contenu précédent est abîmé ou illisible ; rien n&apos;a changé.</translation>
    </message>
    <message>
        <source>There is no previous content to restore.</source>
        <translation>Il n&apos;y a pas de contenu précédent à rétablir.</translation>
    </message>
    <message>
        <source>Content of the undone update restored.</source>
        <translation>Contenu de la mise à jour annulée rétabli.</translation>
    </message>
    <message>
        <source>Nothing to restore: no update was undone.</source>
        <translation>Rien à rétablir : aucune mise à jour n&apos;a été annulée.</translation>
    </message>
    <message>
        <source>Nothing to restore</source>
        <translation>Rien à rétablir</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message numerus="yes">
        <source>%n more error(s) since.</source>
        <translation>
            <numerusform>%n autre erreur depuis.</numerusform>
            <numerusform>%n autres erreurs depuis.</numerusform>
        </translation>
    </message>
    <message>
        <source>The details could not be logged.</source>
        <translation>Le détail n&apos;a pas pu être enregistré dans le journal.</translation>
    </message>
    <message>
        <source>The details are in the log: %1</source>
        <translation>Le détail est dans le journal&#xa0;: %1</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <source>An unexpected error occurred; what you were doing may not be finished.</source>
        <translation>Une erreur inattendue s&apos;est produite&#xa0;; l&apos;action en cours n&apos;a peut-être pas abouti.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>updated from the wiki</source>
        <translation>mis à jour depuis le wiki</translation>
    </message>
    <message>
        <source>bundled with the application</source>
        <translation>fourni avec l&apos;application</translation>
    </message>
    <message>
        <source>Cagette.net FAQ reader</source>
        <translation>Lecteur de la FAQ Cagette.net</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Reads the Cagette.net wiki FAQ without an Internet connection.</source>
        <translation>Lit la FAQ du wiki Cagette.net sans connexion à Internet.</translation>
    </message>
    <message>
        <source>Licence: GPL 3.0 or later.</source>
        <translation>Licence&#xa0;: GPL 3.0 ou ultérieure.</translation>
    </message>
    <message>
        <source>Content: %1</source>
        <translation>Contenu&#xa0;: %1</translation>
    </message>
    <message>
        <source>Wiki: %1</source>
        <translation>Wiki&#xa0;: %1</translation>
    </message>
    <message>
        <source>revision %1 of %2</source>
        <translation>révision %1 du %2</translation>
    </message>
    <message>
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <source>Content information</source>
        <translation>Informations sur le contenu</translation>
    </message>
    <message>
        <source>The content is still loading.</source>
        <translation>Le contenu est en cours de chargement.</translation>
    </message>
    <message>
        <source>%1 (%2 unanswered)</source>
        <translation>%1 (dont %2 sans réponse)</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Wiki</source>
        <translation>Wiki</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>revision %1, modified %2, fetched %3</source>
        <translation>révision %1, modifiée le %2, téléchargée le %3</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Log contents</source>
        <translation>Contenu du journal</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the log</source>
        <translation>Copier le journal</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>Ouvrir le dossier du journal</translation>
    </message>
    <message>
        <source>The log is empty or cannot be read: %1</source>
        <translation>Le journal est vide ou illisible&#xa0;: %1</translation>
    </message>
    <message>
        <source>The log is empty.</source>
        <translation>Le journal est vide.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in the answer</source>
        <translation>Rechercher dans la réponse</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Previous occurrence</source>
        <translation>Occurrence précédente</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Next occurrence</source>
        <translation>Occurrence suivante</translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation>Fermer la barre de recherche (Échap)</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Fermer la barre de recherche</translation>
    </message>
    <message>
        <source>Find status</source>
        <translation>État de la recherche</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Rechercher&#xa0;:</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Introuvable</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>An unexpected error stopped the task (details in the log).</source>
        <translation>Une erreur inattendue a interrompu la tâche (le détail est dans le journal).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Settings could not be read; defaults are used.</source>
        <translation>Les réglages étaient illisibles&#xa0;: les valeurs par défaut sont utilisées.</translation>
    </message>
    <message>
        <source>Cagette.net FAQ</source>
        <translation>FAQ Cagette.net</translation>
    </message>
    <message>
        <source>Cagette.net FAQ reader</source>
        <translation>Lecteur de la FAQ Cagette.net</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>Questions and answer</source>
        <translation>Questions et réponse</translation>
    </message>
</context>
<context>
    <name>MediaLinks</name>
    <message>
        <source>File not available offline: %1</source>
        <translation>Fichier non disponible hors ligne : %1</translation>
    </message>
    <message>
        <source>This file is not available offline.</source>
        <translation>Ce fichier n&apos;est pas disponible hors ligne.</translation>
    </message>
    <message>
        <source>The file %1 is not in the content downloaded on this computer.</source>
        <translation>Le fichier %1 ne fait pas partie du contenu téléchargé sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Open it on the wiki (needs an Internet connection)?</source>
        <translation>L&apos;ouvrir sur le wiki (il faut une connexion à Internet) ?</translation>
    </message>
    <message>
        <source>Open on the wiki</source>
        <translation>Ouvrir sur le wiki</translation>
    </message>
    <message>
        <source>File missing from the wiki: %1</source>
        <translation>Fichier absent du wiki&#xa0;: %1</translation>
    </message>
    <message>
        <source>The wiki does not have this file.</source>
        <translation>Le wiki n&apos;a pas ce fichier.</translation>
    </message>
    <message>
        <source>The page links to %1, but the wiki answered that it does not have it at the last update. Ask the wiki&apos;s authors to add it.</source>
        <translation>La page renvoie vers %1, mais le wiki a répondu qu&apos;il ne l&apos;avait pas lors de la dernière mise à jour. Demandez aux auteurs du wiki de l&apos;ajouter.</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <source>Import content</source>
        <translation>Importer du contenu</translation>
    </message>
    <message>
        <source>Reading the pack…</source>
        <translation>Lecture du paquet…</translation>
    </message>
    <message>
        <source>Export the content</source>
        <translation>Exporter le contenu</translation>
    </message>
    <message>
        <source>Writing the pack…</source>
        <translation>Écriture du paquet…</translation>
    </message>
    <message>
        <source>File %1 of %2 written</source>
        <translation>Fichier %1 sur %2 écrit</translation>
    </message>
    <message>
        <source>Checking the pack: file %1 of %2</source>
        <translation>Vérification du paquet : fichier %1 sur %2</translation>
    </message>
    <message>
        <source>Copying the content: file %1 of %2</source>
        <translation>Copie du contenu : fichier %1 sur %2</translation>
    </message>
    <message>
        <source>Updating the search index…</source>
        <translation>Mise à jour de l&apos;index de recherche…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>%1 read</source>
        <translation>%1 lus</translation>
    </message>
    <message>
        <source>%1 written</source>
        <translation>%1 écrits</translation>
    </message>
</context>
<context>
    <name>PackWork</name>
    <message>
        <source>The import failed because of an unexpected error. The current content is kept.</source>
        <translation>L&apos;import a échoué à cause d&apos;une erreur inattendue. Le contenu actuel est conservé.</translation>
    </message>
</context>
<context>
    <name>PacksController</name>
    <message>
        <source>No content is loaded: there is nothing to export.</source>
        <translation>Aucun contenu n&apos;est chargé : il n&apos;y a rien à exporter.</translation>
    </message>
    <message>
        <source>Export the content</source>
        <translation>Exporter le contenu</translation>
    </message>
    <message>
        <source>Content packs (*.faqpack)</source>
        <translation>Paquets de contenu (*.faqpack)</translation>
    </message>
    <message>
        <source>Content exported to %1 (%2).</source>
        <translation>Contenu exporté dans %1 (%2).</translation>
    </message>
    <message>
        <source>Import content</source>
        <translation>Importer du contenu</translation>
    </message>
    <message>
        <source>Content packs (*.faqpack);;All files (*)</source>
        <translation>Paquets de contenu (*.faqpack);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>An update from the wiki is running: import the pack once it has ended.</source>
        <translation>Une mise à jour depuis le wiki est en cours : importez le paquet quand elle sera terminée.</translation>
    </message>
    <message>
        <source>This pack dates from %1, older than the content shown (%2). Import it anyway?</source>
        <translation>Ce paquet date du %1, plus ancien que le contenu affiché (%2). L&apos;importer quand même ?</translation>
    </message>
    <message>
        <source>Older content</source>
        <translation>Contenu plus ancien</translation>
    </message>
    <message>
        <source>&amp;Import anyway</source>
        <translation>&amp;Importer quand même</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Import cancelled; the content is unchanged.</source>
        <translation>Import annulé ; le contenu n&apos;a pas changé.</translation>
    </message>
    <message>
        <source>Import impossible</source>
        <translation>Import impossible</translation>
    </message>
    <message>
        <source>Export impossible</source>
        <translation>Export impossible</translation>
    </message>
    <message>
        <source>Cancelled; nothing changed.</source>
        <translation>Annulé ; rien n&apos;a changé.</translation>
    </message>
</context>
<context>
    <name>Places</name>
    <message>
        <source>Sections and questions</source>
        <translation>Sections et questions</translation>
    </message>
    <message>
        <source>Back (Alt+Left)</source>
        <translation>Précédent (Alt+Gauche)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Forward (Alt+Right)</source>
        <translation>Suivant (Alt+Droite)</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>This answer could not be formatted; its raw text is shown.</source>
        <translation>Cette réponse n&apos;a pas pu être mise en forme&#xa0;; voici son texte brut.</translation>
    </message>
    <message>
        <source>This page could not be formatted.</source>
        <translation>Cette page n&apos;a pas pu être mise en forme.</translation>
    </message>
    <message>
        <source>This page has no sections.</source>
        <translation>Cette page n&apos;a pas de sections.</translation>
    </message>
    <message>
        <source>This page is not available offline.</source>
        <translation>Cette page n&apos;est pas disponible hors ligne.</translation>
    </message>
    <message>
        <source>Open it on the wiki</source>
        <translation>L&apos;ouvrir sur le wiki</translation>
    </message>
    <message>
        <source>(needs an Internet connection)</source>
        <translation>(nécessite une connexion à Internet)</translation>
    </message>
    <message>
        <source>At the last update, the wiki asked to log in to read this page: it cannot be kept offline.</source>
        <translation>À la dernière mise à jour, le wiki demandait de se connecter pour lire cette page : elle ne peut pas être gardée hors ligne.</translation>
    </message>
    <message>
        <source>At the last update, the wiki did not have this page.</source>
        <translation>À la dernière mise à jour, le wiki n&apos;avait pas cette page.</translation>
    </message>
    <message>
        <source>It will be kept offline from the next update from the wiki.</source>
        <translation>Elle sera gardée hors ligne dès la prochaine mise à jour depuis le wiki.</translation>
    </message>
    <message>
        <source>Keep offline</source>
        <translation>Garder hors ligne</translation>
    </message>
    <message>
        <source>(taken at the next update from the wiki, with the FAQ)</source>
        <translation>(récupérée à la prochaine mise à jour depuis le wiki, avec la FAQ)</translation>
    </message>
    <message>
        <source>Page not available offline: %1</source>
        <translation>Page non disponible hors ligne&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cagette.net FAQ</source>
        <translation>FAQ Cagette.net</translation>
    </message>
    <message>
        <source>Choose a question on the left, or type a few words in the search field.</source>
        <translation>Choisissez une question à gauche, ou tapez quelques mots dans le champ de recherche.</translation>
    </message>
    <message>
        <source>Open on the wiki</source>
        <translation>Ouvrir sur le wiki</translation>
    </message>
    <message>
        <source>Content dated %1</source>
        <translation>Contenu du %1</translation>
    </message>
    <message>
        <source>Downloaded on %1</source>
        <translation>Téléchargé le %1</translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation>révision %1</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>What to print</source>
        <translation>Que faut-il imprimer&#xa0;?</translation>
    </message>
    <message>
        <source>Print the answer shown, or the whole page “%1”?</source>
        <translation>Imprimer la réponse affichée, ou toute la page «&#xa0;%1&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>The answer</source>
        <translation>La réponse</translation>
    </message>
    <message>
        <source>The whole page</source>
        <translation>Toute la page</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>Export as PDF</source>
        <translation>Exporter en PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>%1 bytes</source>
        <translation>%1 octets</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 Ko</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 Mo</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>RefreshController</name>
    <message>
        <source>The update failed because of an unexpected error. The current content is kept.</source>
        <translation>La mise à jour a échoué à cause d&apos;une erreur inattendue. Le contenu actuel est conservé.</translation>
    </message>
    <message>
        <source>Update failed</source>
        <translation>Mise à jour impossible</translation>
    </message>
    <message>
        <source>Update cancelled; nothing changed.</source>
        <translation>Mise à jour annulée&#xa0;: rien n&apos;a changé.</translation>
    </message>
    <message>
        <source>An update is running; try again when it has finished.</source>
        <translation>Une mise à jour est en cours&#xa0;; réessayez quand elle sera terminée.</translation>
    </message>
    <message>
        <source>The page cannot be kept offline: %1</source>
        <translation>La page ne peut pas être gardée hors ligne&#xa0;: %1</translation>
    </message>
    <message>
        <source>Keep offline</source>
        <translation>Garder hors ligne</translation>
    </message>
    <message>
        <source>%1 will be kept offline from the next update.</source>
        <translation>%1 sera gardée hors ligne dès la prochaine mise à jour.</translation>
    </message>
</context>
<context>
    <name>RefreshDialog</name>
    <message>
        <source>Image or document %1 of %2</source>
        <translation>Image ou document %1 sur %2</translation>
    </message>
    <message>
        <source>Checking the content…</source>
        <translation>Vérification du contenu…</translation>
    </message>
    <message>
        <source>Updating the search index…</source>
        <translation>Mise à jour de l&apos;index de recherche…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Update from the wiki</source>
        <translation>Mise à jour depuis le wiki</translation>
    </message>
    <message>
        <source>Connecting to the wiki…</source>
        <translation>Connexion au wiki…</translation>
    </message>
    <message>
        <source>Page %1 of %2: %3</source>
        <translation>Page %1 sur %2 : %3</translation>
    </message>
    <message>
        <source>Linked page %1 of %2: %3</source>
        <translation>Page liée %1 sur %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 received</source>
        <translation>%1 reçus</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>(unanswered)</source>
        <translation>(sans réponse)</translation>
    </message>
    <message>
        <source>Lacks: %1</source>
        <translation>Ne contient pas&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>Search summary</source>
        <translation>Résumé de la recherche</translation>
    </message>
    <message>
        <source>Search the &amp;wiki</source>
        <translation>Chercher sur le &amp;wiki</translation>
    </message>
    <message>
        <source>The wiki&apos;s own search, in the web browser</source>
        <translation>La recherche du wiki lui-même, dans le navigateur web</translation>
    </message>
    <message>
        <source>Partial answers</source>
        <translation>Réponses partielles</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
</context>
<context>
    <name>SaveCopyDialog</name>
    <message>
        <source>No application on this computer can open %1.</source>
        <translation>Aucune application de cet ordinateur ne peut ouvrir %1.</translation>
    </message>
    <message>
        <source>Save a copy elsewhere (a USB stick…) to open it on another computer.</source>
        <translation>Enregistrez-en une copie ailleurs (une clé USB…) pour l&apos;ouvrir sur un autre ordinateur.</translation>
    </message>
    <message>
        <source>Copy status</source>
        <translation>État de la copie</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Enregistrer sous…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Save a copy of %1</source>
        <translation>Enregistrer une copie de %1</translation>
    </message>
    <message>
        <source>The copy could not be saved: %1</source>
        <translation>La copie n&apos;a pas pu être enregistrée : %1</translation>
    </message>
    <message>
        <source>Copy saved: %1</source>
        <translation>Copie enregistrée : %1</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search the FAQ: type a few words (Ctrl+K)</source>
        <translation>Chercher dans la FAQ&#xa0;: tapez quelques mots (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search the FAQ</source>
        <translation>Chercher dans la FAQ</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Effacer la recherche</translation>
    </message>
    <message>
        <source>The search index is being prepared…</source>
        <translation>L&apos;index de recherche est en préparation…</translation>
    </message>
    <message>
        <source>No answer covers the whole search: press Down for the partial answers.</source>
        <translation>Aucune réponse ne couvre toute la recherche&#xa0;: ↓ pour parcourir les réponses partielles.</translation>
    </message>
    <message>
        <source>Search is not available: %1</source>
        <translation>La recherche n&apos;est pas disponible&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>SearchSummary</name>
    <message>
        <source>The search failed (see the log).</source>
        <translation>La recherche a échoué (voir le journal).</translation>
    </message>
    <message>
        <source>Results for “%1”</source>
        <translation>Résultats pour «&#xa0;%1&#xa0;»</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) for “%1”</source>
        <translation>
            <numerusform>%n résultat pour «&#xa0;%1&#xa0;»</numerusform>
            <numerusform>%n résultats pour «&#xa0;%1&#xa0;»</numerusform>
        </translation>
    </message>
    <message>
        <source>No question matches “%1”.</source>
        <translation>Aucune question ne correspond à «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Partial answers for “%1”:</source>
        <translation>Réponses partielles pour «&#xa0;%1&#xa0;»&#xa0;:</translation>
    </message>
    <message>
        <source>No answer is %1.</source>
        <translation>Aucune réponse ne parle %1.</translation>
    </message>
    <message>
        <source>No answer is %1 at once.</source>
        <translation>Aucune réponse ne parle à la fois %1.</translation>
    </message>
    <message>
        <source>The offline content has no answer.</source>
        <translation>Le contenu hors ligne n&apos;a pas de réponse.</translation>
    </message>
    <message>
        <source>The offline content has no answer (updated on %1).</source>
        <translation>Le contenu hors ligne n&apos;a pas de réponse (mis à jour le %1).</translation>
    </message>
    <message>
        <source>Search for “%1” instead</source>
        <translation>Rechercher plutôt «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>about “%1”</source>
        <translation>de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 ni %2</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 et %2</translation>
    </message>
    <message>
        <source>Try other words, or press Esc to browse the sections.</source>
        <translation>Essayez d&apos;autres mots, ou appuyez sur Échap pour parcourir les sections.</translation>
    </message>
</context>
<context>
    <name>SectionTreeModel</name>
    <message>
        <source> (unanswered)</source>
        <translation> (sans réponse)</translation>
    </message>
    <message>
        <source> (wiki page the FAQ links to)</source>
        <translation> (page du wiki vers laquelle la FAQ renvoie)</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modifié</translation>
    </message>
</context>
<context>
    <name>StartOffer</name>
    <message>
        <source>The pack “%1” dates from %2; the content shown from %3.</source>
        <translation>Le paquet « %1 » date du %2 ; le contenu affiché, du %3.</translation>
    </message>
    <message>
        <source>The pack “%1” dates from %2; the content shown has no date.</source>
        <translation>Le paquet « %1 » date du %2 ; le contenu affiché n&apos;a pas de date.</translation>
    </message>
    <message>
        <source>Newer content</source>
        <translation>Contenu plus récent</translation>
    </message>
    <message>
        <source>Newer content found on the stick: import it?</source>
        <translation>Contenu plus récent trouvé sur la clé : l&apos;importer ?</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Oui</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Non</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Status bar</source>
        <translation>Barre d&apos;état</translation>
    </message>
    <message>
        <source>Content source</source>
        <translation>Origine du contenu</translation>
    </message>
    <message>
        <source>Loading the content…</source>
        <translation>Chargement du contenu…</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <source>&amp;Open the folder</source>
        <translation>&amp;Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Open the folder of the file written</source>
        <translation>Ouvrir le dossier du fichier écrit</translation>
    </message>
    <message>
        <source>No content could be loaded (see the log).</source>
        <translation>Aucun contenu n&apos;a pu être chargé (voir le journal).</translation>
    </message>
    <message>
        <source>Content: %1</source>
        <translation>Contenu&#xa0;: %1</translation>
    </message>
    <message>
        <source>downloaded on %1</source>
        <translation>téléchargé le %1</translation>
    </message>
    <message>
        <source>dated %1</source>
        <translation>du %1</translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform> (+ %n autre)</numerusform>
            <numerusform> (+ %n autres)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <source>Update finished</source>
        <translation>Mise à jour terminée</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import terminé</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Ce qui a changé</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>The pack “%1” holds the content already shown: nothing changed.</source>
        <translation>Le paquet « %1 » contient le contenu déjà affiché : rien n&apos;a changé.</translation>
    </message>
    <message>
        <source>Nothing changed on the wiki: the content is already up to date.</source>
        <translation>Rien n&apos;a changé sur le wiki : le contenu est déjà à jour.</translation>
    </message>
    <message numerus="yes">
        <source>%n new question(s)</source>
        <translation>
            <numerusform>%n nouvelle question</numerusform>
            <numerusform>%n nouvelles questions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) changed</source>
        <translation>
            <numerusform>%n question modifiée</numerusform>
            <numerusform>%n questions modifiées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) removed</source>
        <translation>
            <numerusform>%n question retirée</numerusform>
            <numerusform>%n questions retirées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n linked page(s) new or changed</source>
        <translation>
            <numerusform>%n page liée nouvelle ou modifiée</numerusform>
            <numerusform>%n pages liées nouvelles ou modifiées</numerusform>
        </translation>
    </message>
    <message>
        <source>Content imported from “%1”; no question changed.</source>
        <translation>Contenu importé depuis « %1 » ; aucune question n&apos;a changé.</translation>
    </message>
    <message>
        <source>The content was updated; no question changed.</source>
        <translation>Le contenu a été mis à jour ; aucune question n&apos;a changé.</translation>
    </message>
    <message>
        <source>Content imported from “%1”: %2.</source>
        <translation>Contenu importé depuis « %1 » : %2.</translation>
    </message>
    <message>
        <source>Content updated: %1.</source>
        <translation>Contenu mis à jour : %1.</translation>
    </message>
    <message>
        <source>They are marked in the list of questions until you open them.</source>
        <translation>Elles sont signalées dans la liste des questions jusqu&apos;à ce que vous les ouvriez.</translation>
    </message>
    <message>
        <source>new page</source>
        <translation>nouvelle page</translation>
    </message>
    <message>
        <source>page removed</source>
        <translation>page retirée</translation>
    </message>
    <message>
        <source>page changed</source>
        <translation>page modifiée</translation>
    </message>
    <message>
        <source>New questions:</source>
        <translation>Nouvelles questions :</translation>
    </message>
    <message>
        <source>Changed questions:</source>
        <translation>Questions modifiées :</translation>
    </message>
    <message>
        <source>Removed questions:</source>
        <translation>Questions retirées :</translation>
    </message>
    <message>
        <source>Unchanged: %1</source>
        <translation>Inchangées : %1</translation>
    </message>
    <message>
        <source>Wiki pages the FAQ links to</source>
        <translation>Pages du wiki vers lesquelles la FAQ renvoie</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nouvelle</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modifiée</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>retirée</translation>
    </message>
    <message numerus="yes">
        <source>%n linked page(s) unchanged.</source>
        <translation>
            <numerusform>%n page liée inchangée.</numerusform>
            <numerusform>%n pages liées inchangées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out (see the wiki preferences)</source>
        <translation>Laissé de côté (voir les préférences du wiki)</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Details (%n warning(s))</source>
        <translation>
            <numerusform>&amp;Détails (%n avertissement)</numerusform>
            <numerusform>&amp;Détails (%n avertissements)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n warning(s) already given last time, in the log)</source>
        <translation>
            <numerusform>(%n avertissement déjà signalé la dernière fois, dans le journal)</numerusform>
            <numerusform>(%n avertissements déjà signalés la dernière fois, dans le journal)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WikiPreferences</name>
    <message>
        <source>Wiki preferences</source>
        <translation>Préférences du wiki</translation>
    </message>
    <message>
        <source>Wiki address</source>
        <translation>Adresse du wiki</translation>
    </message>
    <message>
        <source>Pages to update</source>
        <translation>Pages à mettre à jour</translation>
    </message>
    <message>
        <source>page id (faq:livraison) or the page&apos;s address</source>
        <translation>identifiant (faq:livraison) ou adresse de la page</translation>
    </message>
    <message>
        <source>Page to add</source>
        <translation>Page à ajouter</translation>
    </message>
    <message>
        <source>Add a page</source>
        <translation>Ajouter une page</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Original settings</source>
        <translation>Valeurs d&apos;origine</translation>
    </message>
    <message>
        <source>Wiki address:</source>
        <translation>Adresse du wiki :</translation>
    </message>
    <message>
        <source>Pages:</source>
        <translation>Pages :</translation>
    </message>
    <message>
        <source>Linked pages and documents</source>
        <translation>Pages et documents liés</translation>
    </message>
    <message>
        <source>Links to follow</source>
        <translation>Liens à suivre</translation>
    </message>
    <message>
        <source>None: the pages above only</source>
        <translation>Aucun&#xa0;: les pages ci-dessus seulement</translation>
    </message>
    <message>
        <source>The pages they link to</source>
        <translation>Les pages vers lesquelles elles renvoient</translation>
    </message>
    <message>
        <source>Two links away</source>
        <translation>Jusqu&apos;à deux liens</translation>
    </message>
    <message>
        <source>Three links away</source>
        <translation>Jusqu&apos;à trois liens</translation>
    </message>
    <message>
        <source>Linked pages at most</source>
        <translation>Pages liées au plus</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <source>Size of one document at most</source>
        <translation>Taille d&apos;un document au plus</translation>
    </message>
    <message>
        <source>Linked pages and documents in all, at most</source>
        <translation>Pages liées et documents en tout, au plus</translation>
    </message>
    <message>
        <source>Pages kept offline</source>
        <translation>Pages gardées hors ligne</translation>
    </message>
    <message>
        <source>Stop keeping offline</source>
        <translation>Ne plus garder hors ligne</translation>
    </message>
    <message>
        <source>Follow the links:</source>
        <translation>Suivre les liens&#xa0;:</translation>
    </message>
    <message>
        <source>Linked pages at most:</source>
        <translation>Pages liées au plus&#xa0;:</translation>
    </message>
    <message>
        <source>One document at most:</source>
        <translation>Un document au plus&#xa0;:</translation>
    </message>
    <message>
        <source>In all at most:</source>
        <translation>En tout au plus&#xa0;:</translation>
    </message>
    <message>
        <source>Kept offline at your request:</source>
        <translation>Gardées hors ligne à votre demande&#xa0;:</translation>
    </message>
    <message>
        <source>Add at least one page.</source>
        <translation>Ajoutez au moins une page.</translation>
    </message>
    <message numerus="yes">
        <source>No longer in the list, removed at the next update:</source>
        <translation>
            <numerusform>Cette page n&apos;est plus dans la liste ; la prochaine mise à jour la retirera du contenu :</numerusform>
            <numerusform>Ces pages ne sont plus dans la liste ; la prochaine mise à jour les retirera du contenu :</numerusform>
        </translation>
    </message>
    <message>
        <source>Save this list anyway?</source>
        <translation>Enregistrer quand même cette liste ?</translation>
    </message>
    <message numerus="yes">
        <source>Remove pages from the content?</source>
        <translation>
            <numerusform>Retirer une page du contenu ?</numerusform>
            <numerusform>Retirer des pages du contenu ?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove them</source>
        <translation>
            <numerusform>La retirer</numerusform>
            <numerusform>Les retirer</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Settings not saved: %1</source>
        <translation>Réglages non enregistrés : %1</translation>
    </message>
</context>
</TS>
