// French strings of the patient screens: the default table, and the shape every other locale must match.
// Templates use `{name}` placeholders, filled by `fill` in renderer/i18n.ts.
// French typography: the space before ? ! : ; % € and inside « » is a non-breaking space (U+00A0), so
// a sign never starts a line on the portrait screen (french-typography.test.ts checks it).

/** The French string table; its type (`Strings`) is the shape every other locale must match. */
export const fr = {
  meta: {
    htmlLang: 'fr',
    speechLang: 'fr-FR',
    decimalSeparator: ',',
    months: [
      'janvier',
      'février',
      'mars',
      'avril',
      'mai',
      'juin',
      'juillet',
      'août',
      'septembre',
      'octobre',
      'novembre',
      'décembre',
    ],
    /** Money: `{amount}` is the number with two decimals. */
    money: '{amount} €',
    percent: '{percent} %',
    /** Writing direction of the screens: `rtl` for Arabic. */
    dir: 'ltr' as 'ltr' | 'rtl',
    /** A date: `{day}` and `{month}` as two digits, `{dayNumber}` without a leading zero, `{monthName}`, `{year}`. */
    date: '{day}/{month}/{year}',
  },
  languageNames: {
    fr: 'Français',
    en: 'English',
    ar: 'العربية',
    es: 'Español',
    pt: 'Português',
    tr: 'Türkçe',
  },
  common: {
    help: 'Aide',
    quit: 'Arrêter',
    back: 'Retour',
    yes: 'Oui',
    no: 'Non',
    continue: 'Continuer',
    retry: 'Réessayer',
    skip: 'Passer',
    changeLanguage: 'Changer de langue',
    actionFailed: "Cela n'a pas marché. Vous pouvez réessayer ou demander de l'aide.",
  },
  /** The answers of a question; "Je ne sais pas" is offered where the rules say what it means. */
  answers: {
    yes: 'Oui',
    no: 'Non',
    unknown: 'Je ne sais pas',
  },
  /** Yes/no questions asked one at a time, then a summary of the answers. */
  questions: {
    /** `{current}` and `{total}` are numbers. */
    counter: 'Question {current} sur {total}',
    previous: 'Question précédente',
    summaryTitle: 'Vos réponses',
    summaryIntro: 'Vérifiez vos réponses. Pour en changer une, touchez-la.',
    change: 'Changer',
  },
  connection: {
    reconnecting: 'Connexion perdue. Reconnexion…',
  },
  status: {
    booting: 'Démarrage de la cabine…',
    cleaning: 'Préparation de la cabine…',
    cleaningHint: 'La cabine sera prête dans un instant.',
    outOfServiceTitle: 'Cabine hors service',
    outOfServiceBody: 'Cette cabine ne peut pas être utilisée pour le moment.',
    outOfServiceHint: "Demandez de l'aide à la personne de l'accueil.",
    loading: 'Un instant…',
  },
  welcome: {
    title: 'Bienvenue',
    subtitle: 'Consultez un professionnel de santé par vidéo.',
    languageLabel: 'Langue',
    accessibilityLabel: 'Confort',
    largeText: 'Texte plus grand',
    readAloud: 'Lire à voix haute',
    start: 'Commencer',
    needHelp: "Besoin d'aide ? Demandez à la personne de l'accueil.",
    /** Shown while a card is still in the reader: no session starts until it is taken back. */
    cardLeft: 'Une carte est restée dans le lecteur. Reprenez-la avant de commencer.',
    /** Shown after a session while the cabin waits for its cleaning: no session starts meanwhile. */
    waitingForCleaning: 'La cabine va être nettoyée avant la prochaine consultation.',
    waitingForCleaningHint: 'Merci de patienter quelques minutes.',
  },
  quitDialog: {
    title: 'Voulez-vous arrêter ?',
    body: 'Vos informations et vos mesures seront effacées.',
    confirm: 'Oui, arrêter',
    cancel: 'Non, continuer',
  },
  helpCall: {
    /** Who was told of the help call, in one sentence; `{professional}` is `theDoctor` or `theProfessional`. */
    attendant: "La personne de l'accueil a été prévenue.",
    attendantAndSupport: "La personne de l'accueil et le service d'assistance ont été prévenus.",
    attendantAndProfessional: "La personne de l'accueil et {professional} ont été prévenus.",
    everyone: "La personne de l'accueil, le service d'assistance et {professional} ont été prévenus.",
    theDoctor: 'le médecin',
    theProfessional: 'le professionnel de santé',
    cancel: "Je n'ai plus besoin d'aide",
    answered: "Votre demande d'aide a été vue. Quelqu'un s'occupe de vous.",
  },
  stillThere: {
    title: 'Êtes-vous toujours là ?',
    body: "Sans réponse, la séance va s'arrêter et vos informations seront effacées.",
    confirm: 'Oui, je suis là',
    /** The time left before the session stops; `{seconds}` is a whole number. */
    countdownMany: 'Arrêt dans {seconds} secondes.',
    countdownOne: 'Arrêt dans 1 seconde.',
    countdownNow: 'Arrêt de la séance…',
  },
  information: {
    title: 'Comment se passe la consultation',
    what: 'Vous allez parler à un professionnel de santé par vidéo. Il vous voit et vous entend.',
    privacy: "Seul ce professionnel voit vos informations et vos mesures. Personne d'autre ne vous entend.",
    nothingKept: 'La cabine ne garde rien sur vous après votre départ.',
    costTitle: 'Combien ça coûte',
    /** Above the usual cost of a doctor's consultation, before any question. */
    costExample: 'Le plus souvent, pour un médecin, si vous venez sur le conseil de votre médecin traitant :',
    costNote:
      'Le prix dépend du professionnel et de votre situation. Vous verrez le prix exact avant de payer. Vous ne payez rien maintenant.',
    understood: "J'ai compris",
  },
  consent: {
    title: 'Votre accord',
    /** What the patient agrees to, one fact a line. */
    agreeTitle: 'En acceptant :',
    agreeVideo: 'Vous consultez un professionnel de santé par vidéo.',
    agreeData: "Vos informations et vos mesures sont envoyées à ce professionnel, et à personne d'autre.",
    /** What the professional receives to bill the consultation (SESAM sans Vitale), for the call only. */
    agreeBilling:
      'Pour facturer la consultation, il reçoit aussi votre nom, votre prénom, votre numéro de sécurité sociale et, si besoin, votre date de naissance.',
    agreeNothingKept: 'La cabine ne garde rien sur vous après la séance.',
    agreeTrace: "Votre accord est gardé 10 ans, sans votre nom, pour prouver qu'il a été donné.",
    agreeChange: "Vous pouvez changer d'avis à tout moment.",
    presenceQuestion: 'Qui est avec vous dans la cabine ?',
    presences: {
      alone: 'Je suis seul ou seule',
      parent: 'Un parent ou un tuteur',
      relative: 'Un autre proche',
      carer: 'Un aidant',
      healthProfessional: 'Un professionnel de santé',
    },
    presenceNote: 'Personne ne peut vous imposer sa présence.',
    minorNote: 'Un enfant de moins de 16 ans consulte avec un parent ou un tuteur.',
    attendantStays: "Je souhaite que la personne de l'accueil reste avec moi",
    attendantNote: 'Sinon, elle vous aide à démarrer, puis elle sort de la cabine.',
    accept: "J'accepte",
    decline: 'Je refuse',
    /** The refusal, asked again. */
    refuseTitle: 'Voulez-vous vraiment refuser ?',
    refuseBody: 'Sans votre accord, la consultation par vidéo ne peut pas avoir lieu.',
    refuseAdvice:
      "Vous pouvez toujours consulter un médecin en personne : votre médecin traitant, un cabinet médical ou un centre de santé. En cas d'urgence, appelez le 15.",
    refuseConfirm: 'Oui, je refuse',
    refuseCancel: 'Non, revenir',
  },
  /** A patient under 16 without a parent or guardian present. */
  parentNeeded: {
    title: 'Un parent doit être présent',
    body: 'Un enfant de moins de 16 ans consulte avec un parent ou un tuteur.',
    called: "Nous avons prévenu la personne de l'accueil.",
    parentHere: 'Un parent est avec moi',
    leave: 'Partir',
  },
  identification: {
    waitingTitle: 'Mettez votre carte Vitale',
    waitingBody: 'Glissez la carte dans le lecteur de carte.',
    noCard: "Je n'ai pas ma carte",
    readingTitle: 'Lecture de la carte…',
    readingBody: 'Ne retirez pas la carte.',
    /** Above the failure's own message, which says what went wrong: the title does not say it again. */
    failedTitle: 'Un problème avec la carte',
    typeDetails: 'Écrire mes informations',
    chooseTitle: "Qui consulte aujourd'hui ?",
    chooseBody: 'Touchez le nom de la personne qui consulte.',
    /** The birth date when the card gives no sex (or for a typed identity): no "Né / Née". */
    bornOn: 'Date de naissance : {date}',
    /** The birth date of a man, and of a woman, by the card's number (its first digit). */
    bornOnMan: 'Né le {date}',
    bornOnWoman: 'Née le {date}',
    confirmTitle: 'Est-ce bien vous ?',
    confirmYes: "Oui, c'est moi",
    confirmNo: "Non, ce n'est pas moi",
    manualTitle: 'Vos informations',
    manualBody: 'Écrivez vos informations comme sur vos papiers.',
    surname: 'Nom de famille',
    firstName: 'Prénom',
    birthDate: 'Date de naissance',
    day: 'Jour',
    month: 'Mois',
    year: 'Année',
    nir: 'Numéro de sécurité sociale (facultatif)',
    nirHint:
      'Il est écrit sur votre carte Vitale ou sur votre attestation : 13 chiffres et 2 chiffres de clé.',
    submit: 'Valider',
    /** A field left empty. */
    invalid: {
      surname: 'Écrivez votre nom de famille.',
      firstName: 'Écrivez votre prénom.',
      birthDate: 'Écrivez votre date de naissance : jour, mois et année.',
      nir: 'Vérifiez ce numéro. Vous pouvez aussi le laisser vide.',
    },
    /** Why a field was refused; `{max}` is the limit, `{count}` how many characters were typed. */
    problems: {
      tooLong: '{max} caractères au plus : vous en avez écrit {count}.',
      digit: 'Un nom ne contient pas de chiffres.',
      letterNotAllowed:
        "Une lettre n'est pas acceptée par l'état civil français. Écrivez les lettres de l'alphabet, avec les accents français (é, è, ç…).",
      symbol: "Entre les lettres, seuls le trait d'union (-), l'apostrophe (') et l'espace sont acceptés.",
      separatorAtEdge: "Un nom ne commence pas et ne finit pas par un trait d'union ou une apostrophe.",
      separatorsTogether: 'Deux signes se suivent (par exemple « -- »). Gardez-en un seul.',
      notADate: "Cette date n'existe pas. Vérifiez le jour, le mois et l'année.",
      inFuture: "Cette date n'est pas encore passée. Vérifiez l'année.",
      before1900: "L'année doit être 1900 ou plus tard.",
      nirTooShort:
        'Il manque des chiffres : le numéro a 13 chiffres et 2 chiffres de clé. Vous en avez écrit {count} sur 15.',
      nirTooLong:
        'Il y a trop de chiffres : le numéro a 13 chiffres et 2 chiffres de clé. Vous en avez écrit {count} sur 15.',
      nirLetter: 'Le numéro ne contient que des chiffres. Seule la Corse a une lettre : 2A ou 2B.',
      nirFirstDigit:
        "Le premier chiffre n'est pas possible. Vérifiez-le sur votre carte, ou laissez ce numéro vide.",
      nirWrongKey:
        'Les 2 chiffres de clé (les 2 derniers) ne vont pas avec les 13 premiers. Vérifiez chaque chiffre, ou laissez ce numéro vide.',
    },
  },
  appointment: {
    choosingTitle: 'Avez-vous un rendez-vous ?',
    haveCode: "J'ai un code de rendez-vous",
    nextAvailable: 'Voir le prochain professionnel disponible',
    codeTitle: 'Votre code de rendez-vous',
    codeLabel: 'Code',
    codeHint: 'Il est dans le message qui confirme votre rendez-vous.',
    submitCode: 'Valider',
    checkingTitle: 'Vérification du code…',
    professionTitle: 'Qui souhaitez-vous consulter ?',
    /** The cabin asks who of the chosen kind is online (nobody: the waiting room's sentences are said). */
    checkingPresenceTitle: 'Nous regardons qui est disponible…',
    /** Under a kind of professional nobody of is online now (still choosable). */
    nobodyOnlineNow: 'Personne en ce moment',
    eligibilityTitle: 'Avant de continuer',
    physicalActNeeded:
      "Avez-vous besoin d'un soin qui demande de vous toucher (prise de sang, pansement, vaccin) ?",
    earlierInPersonSession: 'Avez-vous déjà vu ce kinésithérapeute en personne ?',
    /** The eligibility questions shortened, for the summary of the answers. */
    physicalActNeededShort: 'Un soin qui demande de vous toucher',
    earlierInPersonSessionShort: 'Déjà vu ce kinésithérapeute en personne',
    submitAnswers: 'Continuer',
    notEligibleTitle: 'Ce soin ne peut pas se faire à distance',
    notEligiblePhysical: 'Un soin qui demande de vous toucher doit se faire en personne.',
    notEligiblePhysio:
      "Pour voir un kinésithérapeute à distance, il faut l'avoir déjà vu une fois en personne.",
    notEligibleAdvice: 'Vous pouvez revenir en arrière et choisir un autre professionnel, ou arrêter.',
    goBack: 'Revenir en arrière',
    carePathTitle: 'Pour savoir ce qui est remboursé',
    carePathIntro: 'Si vous ne savez pas, touchez « Je ne sais pas ».',
    /** One plain fact a question; `short` names it in the summary of the answers. */
    carePath: {
      hasRegularDoctor: {
        question: 'Avez-vous un médecin traitant ?',
        explanation: "C'est le médecin que vous avez déclaré à l'Assurance Maladie.",
        short: 'Un médecin traitant',
      },
      referredByRegularDoctor: {
        question: 'Venez-vous sur le conseil de votre médecin traitant ?',
        explanation: "Par exemple, il vous a dit de consulter ici aujourd'hui.",
        short: 'Sur le conseil de votre médecin traitant',
      },
      regularDoctorUnavailable: {
        question: 'Votre médecin traitant est-il indisponible ?',
        explanation: 'Par exemple, il ne peut pas vous recevoir assez vite.',
        short: 'Médecin traitant indisponible',
      },
      exemptedSituation: {
        question:
          'Êtes-vous dans une de ces situations : une urgence, vous vivez en EHPAD (maison de retraite médicalisée) ou en foyer pour personnes handicapées, ou vous êtes en détention ?',
        explanation: 'Dans ces cas, la consultation est remboursée même sans votre médecin traitant.',
        short: 'Urgence, EHPAD, foyer ou détention',
      },
      longTermCondition: {
        question: 'Consultez-vous pour une affection de longue durée (ALD) ?',
        explanation: "C'est une maladie longue que l'Assurance Maladie rembourse à 100 %.",
        short: 'Une affection de longue durée (ALD)',
      },
      pregnantSixthMonth: {
        question: 'Êtes-vous enceinte de 6 mois ou plus ?',
        explanation: "À partir du 6e mois de grossesse, l'Assurance Maladie rembourse à 100 %.",
        short: 'Enceinte de 6 mois ou plus',
      },
      solidarityCover: {
        question: 'Avez-vous la Complémentaire santé solidaire (CSS) ?',
        explanation: "C'est l'aide de l'État qui remplace la mutuelle. Avant, elle s'appelait CMU-C.",
        short: 'Complémentaire santé solidaire (CSS)',
      },
    },
    costTitle: 'Le coût de votre consultation',
    acceptCost: "J'accepte ce coût",
  },
  /** The cost and who pays back what, on the information screen and the cost screen. */
  cost: {
    fee: 'Prix de la consultation',
    assuranceMaladie: "Remboursé par l'Assurance Maladie",
    /** `{percent}` is formatted: "70 %". */
    rate: '{percent} du prix.',
    /** `{amount}` is formatted money; `{deduction}` one of `deductions`. */
    rateLessDeduction: '{percent} du prix, moins {amount} de {deduction}.',
    notReimbursed: 'Pas remboursé.',
    deductions: {
      participationForfaitaire: 'participation forfaitaire',
      franchiseMedicale: 'franchise médicale',
    },
    complementary: 'Votre mutuelle peut rembourser',
    complementaryDetail: 'Si vous en avez une.',
    complementaryNotDeduction: 'Si vous en avez une. Elle ne rembourse pas la {deduction}.',
    solidarity: 'Payé par la Complémentaire santé solidaire',
    left: 'Reste à votre charge',
    leftWithoutComplementary: 'Reste à votre charge sans mutuelle',
    decidedByAssuranceMaladie:
      "Vous avez répondu « Je ne sais pas ». Le remboursement sera décidé par l'Assurance Maladie.",
    ifReimbursed: 'Si elle rembourse',
    ifNotReimbursed: 'Si elle ne rembourse pas',
    bestCase: 'Dans le meilleur cas',
    otherCase: 'Sinon',
    dueToday: 'À payer dans la cabine :',
    advance: "Vous payez le prix entier dans la cabine. L'Assurance Maladie vous rembourse ensuite sa part.",
    advanceUndecided:
      "Vous payez le prix entier dans la cabine. Si l'Assurance Maladie rembourse, elle vous verse sa part ensuite.",
    notReimbursedNote: "Cette consultation n'est pas remboursée par l'Assurance Maladie.",
    /** `{amount}` is what the patient pays in the cabin. */
    thirdParty: "Tiers payant : vous payez seulement {amount}. L'Assurance Maladie paie directement sa part.",
    thirdPartySolidarity:
      "Tiers payant : vous n'avez rien à payer. L'Assurance Maladie et la Complémentaire santé solidaire paient directement.",
    /** The operator's tiers payant covers the complementary part too: nothing is paid in the cabin. */
    thirdPartyNothingDue:
      "Tiers payant : vous n'avez rien à payer dans la cabine. L'Assurance Maladie et votre complémentaire santé paient directement le professionnel.",
    deductionLater: 'La {deduction} de {amount} sera retenue sur un prochain remboursement.',
    payByCard: 'Vous payez par carte bancaire à la fin de la consultation.',
  },
  professions: {
    doctor: 'Un médecin',
    midwife: 'Une sage-femme',
    dentist: 'Un chirurgien-dentiste',
    pharmacist: 'Un pharmacien',
    nurse: 'Un infirmier ou une infirmière',
    physiotherapist: 'Un kinésithérapeute',
    speechTherapist: 'Un orthophoniste',
  },
  professionNames: {
    doctor: 'Médecin',
    midwife: 'Sage-femme',
    dentist: 'Chirurgien-dentiste',
    pharmacist: 'Pharmacien',
    nurse: 'Infirmier',
    physiotherapist: 'Kinésithérapeute',
    speechTherapist: 'Orthophoniste',
  },
  measurements: {
    kinds: {
      bloodPressure: 'Tension',
      temperature: 'Température',
      oxygenSaturation: 'Oxygène dans le sang',
      weight: 'Poids',
    },
    statuses: {
      pending: 'À faire',
      done: 'Fait',
      skipped: 'Passé',
      unavailable: 'Indisponible',
    },
    progressLabel: 'Vos mesures',
    instructionsTitle: 'Mesure : {kind}',
    instructions: {
      bloodPressure:
        'Asseyez-vous, le dos contre le dossier. Mettez le brassard sur votre bras nu, au-dessus du coude. Posez le bras sur la table.',
      temperature: 'Prenez le thermomètre. Approchez-le du milieu de votre front. Attendez le bip.',
      oxygenSaturation: 'Mettez la pince au bout de votre index, ongle vers le haut. Posez la main à plat.',
      weight: 'Montez sur la balance, les deux pieds au milieu. Restez immobile.',
    },
    optional: "Cette mesure n'est pas obligatoire.",
    start: 'Commencer la mesure',
    skip: 'Passer cette mesure',
    measuringTitle: 'Mesure en cours : {kind}',
    progress: {
      preparing: 'Préparation…',
      inflating: 'Le brassard se gonfle… {pressure} mmHg',
      deflating: 'Le brassard se dégonfle… {pressure} mmHg',
      keepStill: 'Ne bougez pas.',
      fingerDetected: 'Doigt bien placé. Ne bougez pas.',
      stepOnScale: 'Montez sur la balance.',
    },
    dontMove: 'Ne bougez pas.',
    /** Only for the measurements that need it (blood pressure): speaking moves the arm and the reading. */
    keepSilent: 'Ne parlez pas pendant la mesure.',
    resultTitle: 'Résultat : {kind}',
    resultNote: 'Le professionnel de santé verra ce résultat.',
    redo: 'Refaire',
    failedTitle: "La mesure n'a pas marché",
    quantities: {
      systolic: 'Pression haute',
      diastolic: 'Pression basse',
      meanArterial: 'Pression moyenne',
      pulse: 'Pouls',
      temperature: 'Température',
      spo2: 'Oxygène',
      weight: 'Poids',
    },
    units: {
      mmHg: 'mmHg',
      bpm: 'battements par minute',
      '°C': '°C',
      '%': '%',
      kg: 'kg',
    },
  },
  waitingRoom: {
    joiningTitle: "Connexion à la salle d'attente…",
    waitingTitle: "Salle d'attente",
    position: 'Votre place dans la file : {position}',
    waitMany: 'Attente estimée : environ {minutes} minutes',
    waitOne: 'Attente estimée : environ 1 minute',
    waitUnknown: "Nous ne connaissons pas encore le temps d'attente.",
    waitNote: "Ce temps peut changer. Restez devant l'écran.",
    /** Position 1: the title (read aloud) and the sentence under it. */
    nextTitle: "C'est bientôt à vous",
    next: 'Vous êtes la prochaine personne à passer.',
    /** `{count}` is a number of 2 or more. */
    onlineOne: 'Un professionnel est connecté en ce moment.',
    onlineMany: '{count} professionnels sont connectés en ce moment.',
    /** Nobody of the kind is connected: said at once, with the ways out. */
    nobodyOnlineTitle: "Personne n'est disponible pour le moment",
    nobodyOnline: {
      doctor: "Aucun médecin n'est connecté en ce moment.",
      midwife: "Aucune sage-femme n'est connectée en ce moment.",
      dentist: "Aucun chirurgien-dentiste n'est connecté en ce moment.",
      pharmacist: "Aucun pharmacien n'est connecté en ce moment.",
      nurse: "Aucun infirmier ni aucune infirmière n'est connecté en ce moment.",
      physiotherapist: "Aucun kinésithérapeute n'est connecté en ce moment.",
      speechTherapist: "Aucun orthophoniste n'est connecté en ce moment.",
    },
    wentOffline: 'Le professionnel qui était connecté vient de partir.',
    nobodyKnows: "Nous ne savons pas quand quelqu'un se connectera.",
    youCan: 'Vous pouvez choisir un autre professionnel, donner un code de rendez-vous, ou arrêter.',
    stayNote: "Si vous restez ici, cet écran vous dira quand quelqu'un se connecte.",
    chooseAnother: 'Choisir un autre professionnel',
    haveCode: "J'ai un code de rendez-vous",
    readyTitle: 'Votre consultation peut commencer',
    rpps: 'Numéro officiel du professionnel (RPPS) : {rpps}',
    startCall: 'Commencer la consultation',
    failedTitle: "Un problème avec la salle d'attente",
    /** The camera and microphone check while waiting. */
    mediaCheck: {
      title: 'Vérifions la caméra et le son',
      intro: "Regardez-vous sur l'écran. Puis écoutez le son de test.",
      opening: 'Ouverture de la caméra…',
      selfView: 'Votre image',
      playTestSound: 'Écouter le son de test',
      micLevel: 'Niveau du micro',
      speak: 'Parlez : la barre doit bouger.',
      ok: "Oui, je me vois et j'entends",
      problem: 'Non, il y a un problème',
      cameraFailed: "La caméra ne fonctionne pas. Une personne de l'accueil va vous aider.",
      microphoneFailed: "Le micro ne fonctionne pas. Une personne de l'accueil va vous aider.",
      passed: 'La caméra et le son marchent.',
      problemNoted:
        "Une personne de l'accueil arrive pour vous aider. La consultation pourra quand même avoir lieu.",
    },
  },
  consultation: {
    title: 'Votre consultation',
    connecting: 'Connexion…',
    connected: 'connecté',
    reconnecting: 'Reconnexion en cours…',
    /** Over the video while the link is lost (the link tries again by itself). */
    reconnectingOverlay: 'Connexion perdue. Reconnexion en cours…',
    audioOnly: 'Son seulement : la vidéo est coupée pour garder la communication.',
    selfView: 'Votre image',
    /** `{name}` is the professional's civility and name. */
    remoteVideo: 'Image de {name}',
    /** What the professional receives of the patient; `{name}` is the professional's civility and name. */
    seenHeard: {
      seenAndHeard: '{name} vous voit et vous entend.',
      heardOnly: '{name} vous entend.',
      notSeen: '{name} vous entend, mais ne vous voit pas encore.',
      notHeard: '{name} vous voit, mais ne vous entend pas encore.',
      neither: '{name} ne vous voit pas et ne vous entend pas encore.',
    },
    measuringTitle: 'Le professionnel vous demande une mesure : {kind}',
    /** Under the result of the measurement asked during the call. */
    measurementShared: 'Le professionnel voit ce résultat.',
    measurementDone: 'Revenir à la consultation',
    failedTitle: 'La consultation est interrompue',
    documentsNone: 'Aucun document reçu pour le moment',
    documentsOne: '1 document reçu',
    documentsMany: '{count} documents reçus',
  },
  documents: {
    reviewTitle: 'Vos documents',
    none: 'Le professionnel ne vous a pas laissé de document.',
    pagesOne: '1 page',
    pagesMany: '{count} pages',
    kinds: {
      prescription: 'Ordonnance',
      sickLeave: 'Arrêt de travail',
      report: 'Compte rendu',
      other: 'Document',
    },
    /** Where each document is in the printing, beside its title. */
    status: {
      waiting: 'À imprimer',
      printing: 'Impression en cours…',
      printed: "Dans le bac de l'imprimante",
      failed: "Problème d'impression",
    },
    /** Said on the documents screen when the professional left a prescription (never again at goodbye). */
    pharmacy: 'Vous pouvez apporter votre ordonnance dans la pharmacie de votre choix.',
    dmpWhat:
      "Mon espace santé est votre dossier de santé en ligne, de l'Assurance Maladie. Vous et vos soignants y retrouvez vos documents.",
    dmpOpposed: 'Ne pas envoyer dans Mon espace santé',
    /** The consequence of the choice, under the switch, as it stands. */
    dmpWillSend:
      'Une copie de vos documents sera rangée dans Mon espace santé, si votre identité a pu être vérifiée.',
    dmpWillNotSend: 'Vos documents ne seront pas envoyés dans Mon espace santé.',
    print: 'Imprimer',
    printingTitle: 'Impression en cours…',
    printingBody: 'Attendez que toutes les pages soient sorties.',
    printedTitle: 'Prenez vos documents',
    printedBody: "Vos documents sont dans le bac de l'imprimante.",
    printFailedTitle: "L'impression n'a pas marché",
    /** After a print failure: where the documents not printed can still be found. */
    elsewhereDmp:
      'Une copie peut aussi être rangée dans Mon espace santé, si votre identité a pu être vérifiée.',
    elsewhereProfessional: 'Le professionnel peut aussi vous les envoyer par messagerie sécurisée.',
    elsewhereAttendant: "La personne de l'accueil peut vous aider à les imprimer.",
    continueWithoutPrinting: 'Continuer sans imprimer',
  },
  payment: {
    confirmTitle: 'Paiement',
    amount: 'À payer :',
    pay: 'Payer par carte bancaire',
    processingTitle: 'Suivez les instructions sur le terminal de paiement',
    processingBody: 'Insérez ou approchez votre carte bancaire.',
    failedTitle: 'Un problème avec le paiement',
    askHelp: "Demander de l'aide",
    /** The way forward that ends the payment step: the attendant is told the amount. */
    payAtCounter: "Payer à l'accueil",
  },
  goodbye: {
    title: "C'est terminé",
    /** The alert at the top while the Carte Vitale is still in the reader (read aloud every 10 s). */
    takeCard: 'Reprenez votre carte Vitale.',
    body: 'Merci, et au revoir !',
    printedNone: 'Aucun document imprimé.',
    printedOne: "1 document imprimé. Prenez-le dans le bac de l'imprimante.",
    printedMany: "{count} documents imprimés. Prenez-les dans le bac de l'imprimante.",
    /** The patient chose to pay at the counter; `{amount}` is the amount in euros. */
    payAtCounter: "Passez à l'accueil pour payer {amount}.",
    reportProblem: 'Signaler un problème',
    whichProblem: 'Quel problème avez-vous eu ?',
    problems: {
      video: "L'image",
      sound: 'Le son',
      device: 'Un appareil de mesure',
      printer: "L'imprimante",
      card: 'La carte Vitale',
      other: 'Autre chose',
    },
    thanks: "Merci, c'est noté.",
    finish: 'Terminer',
  },
  failures: {
    'card.removed': 'La carte a été retirée trop tôt. Remettez-la et laissez-la dans le lecteur.',
    'card.unreadable': 'La carte ne peut pas être lue. Vérifiez son sens, puis remettez-la.',
    'card.mute':
      "La carte ne répond pas. Elle est peut-être à l'envers. Vérifiez le sens de la carte : la puce en premier, vers le haut.",
    'card.unknown': "Cette carte n'est pas une carte Vitale.",
    'card.readerAbsent': 'Le lecteur de carte ne marche pas. Vous pouvez écrire vos informations.',
    'card.cps': 'Cette carte est une carte de professionnel de santé. Insérez votre carte Vitale.',
    'card.noBeneficiary':
      'Nous ne trouvons aucun nom sur cette carte. Vous pouvez écrire vos informations à la place.',
    'reader.absent': 'Le lecteur de carte ne marche pas. Vous pouvez écrire vos informations à la place.',
    'pcsc.unavailable': 'Le lecteur de carte ne répond pas. Vous pouvez écrire vos informations à la place.',
    'appointment.unknownCode': "Ce code n'est pas reconnu. Vérifiez-le et écrivez-le de nouveau.",
    'appointment.unavailable': "Ce rendez-vous n'est pas disponible en ce moment.",
    'measurement.implausible': 'Le résultat semble faux. Vous pouvez refaire la mesure.',
    'measurement.unstable': 'La mesure a bougé. Restez immobile et refaites-la.',
    'measurement.noFinger': "Le doigt n'est pas détecté. Mettez bien la pince au bout du doigt.",
    'measurement.motion': 'Vous avez bougé pendant la mesure. Restez immobile et refaites-la.',
    'measurement.lowPerfusion':
      'Le signal de votre doigt est trop faible. Réchauffez votre main, remettez la pince et refaites la mesure.',
    'measurement.overload':
      "Le résultat dépasse ce que l'appareil peut mesurer. Vous pouvez passer cette mesure ou demander de l'aide.",
    'measurement.cuffLeak':
      "Le brassard perd de l'air. Vérifiez que le tuyau est bien branché et serrez le brassard, puis refaites la mesure.",
    'measurement.noNewReading':
      "Le tensiomètre n'a pas envoyé de mesure. Appuyez sur le bouton « START » du tensiomètre, puis attendez.",
    'device.unplugged':
      "L'appareil n'est pas branché. Vous pouvez passer cette mesure ou demander de l'aide.",
    'device.timeout': "L'appareil n'a pas répondu à temps. Vous pouvez réessayer.",
    'device.error': "L'appareil a un problème. Vous pouvez réessayer ou passer cette mesure.",
    'device.absent':
      "Cet appareil de mesure n'est pas disponible. Vous pouvez passer cette mesure ou demander de l'aide.",
    'link.portMissing':
      "L'appareil n'est pas branché. Vous pouvez passer cette mesure ou demander de l'aide.",
    'platform.unreachable': 'Le service de consultation ne répond pas. Vous pouvez réessayer.',
    'platform.timeout': 'Le service de consultation répond trop lentement. Vous pouvez réessayer.',
    'platform.sessionLost':
      "Votre place dans la salle d'attente a été perdue pendant une coupure. Touchez « Réessayer » pour la reprendre.",
    'queue.failed': "La salle d'attente ne répond pas. Vous pouvez réessayer.",
    'call.failed': "L'appel n'a pas pu commencer. Vous pouvez réessayer.",
    'call.dropped': "L'appel a été coupé. Vous pouvez réessayer.",
    'call.lost': "La communication est coupée. Une personne de l'accueil arrive pour vous aider.",
    'call.notJoined': "La consultation n'est pas encore prête. Nouvel essai dans un instant…",
    'media.unavailable':
      "La caméra ou le micro ne fonctionne pas. Touchez « Aide » : une personne de l'accueil va vous aider.",
    'printer.outOfPaper': "L'imprimante n'a plus de papier. Vos documents ne sont pas perdus.",
    'printer.jammed': "Le papier est coincé dans l'imprimante. Vos documents ne sont pas perdus.",
    'printer.doorOpen': "Une porte de l'imprimante est ouverte. Vos documents ne sont pas perdus.",
    'printer.offline': "L'imprimante ne répond pas. Vos documents ne sont pas perdus.",
    'printer.notAccepting': "L'imprimante est arrêtée pour le moment. Vos documents ne sont pas perdus.",
    'printer.notConfigured': "Cette cabine n'a pas d'imprimante prête. Vos documents ne sont pas perdus.",
    'printer.timeout':
      "L'impression prend trop de temps : elle a été arrêtée. Vos documents ne sont pas perdus.",
    'printer.failed': "L'imprimante a un problème. Vos documents ne sont pas perdus.",
    'payment.declined': 'Le paiement est refusé. Vous pouvez essayer une autre carte.',
    'payment.failed': "Le paiement n'a pas marché. Vous pouvez réessayer.",
    'payment.cancelled': 'Le paiement a été annulé. Vous pouvez réessayer.',
    'payment.cardRemoved': 'La carte a été retirée trop tôt. Vous pouvez réessayer.',
    'payment.unreachable':
      "Le terminal de paiement ne répond pas. Vous pouvez réessayer, ou payer à l'accueil.",
    'payment.timeout': "Le terminal de paiement n'a pas répondu à temps. Vous pouvez réessayer.",
    'payment.answerLost':
      "Nous ne savons pas si le paiement est passé. Ne payez pas une deuxième fois : l'accueil va vérifier.",
    'payment.garbled':
      "Nous ne savons pas si le paiement est passé. Ne payez pas une deuxième fois : l'accueil va vérifier.",
    'payment.notApproved':
      "Le paiement n'est pas passé. Votre carte n'a pas été débitée. Vous pouvez réessayer.",
    'payment.awaitingAttendant':
      "Nous ne savons pas si un paiement est passé. Ne payez pas une deuxième fois. Vous pouvez partir et payer à l'accueil : l'accueil va vérifier.",
    'payment.notRecorded':
      "Le paiement par carte n'est pas possible pour le moment. Vous pouvez payer à l'accueil.",
  },
  attendantPage: {
    /** The attendant page, opened on the counter's computer or phone (main/attendant-page/). */
    title: 'Cabine de téléconsultation',
    codeLabel: "Code de l'accueil (de 6 à 12 chiffres)",
    login: 'Entrer',
    badCode: 'Code incorrect.',
    locked: 'Trop de codes incorrects. Réessayez dans {minutes} minutes.',
    offline: 'La cabine ne répond pas. Nouvel essai dans un instant.',
    noHelp: "Aucun appel à l'aide.",
    helpTitle: "Un patient demande de l'aide",
    since: 'Depuis {time}',
    told: 'Prévenus : {who}',
    /** One line of the peripherals list: its name and its state. */
    peripheral: '{name} : {state}',
    audiences: {
      attendant: "l'accueil",
      support: "le service d'assistance",
      professional: 'le professionnel de santé',
    },
    platformUnreachable:
      "Le service de téléconsultation n'a pas pu être prévenu : seul l'accueil est au courant.",
    acknowledge: "J'arrive",
    logout: 'Se déconnecter',
  },
  attendant: {
    open: 'Personnel',
    openLabel: 'Accès réservé au personnel de la cabine',
    title: 'Panneau du personnel',
    stateTitle: 'État de la cabine',
    phase: 'La cabine',
    phases: {
      booting: 'Démarrage',
      ready: 'Prête',
      inSession: 'Séance en cours',
      cleaning: 'Nettoyage',
      maintenance: 'Maintenance',
      outOfService: 'Hors service',
    },
    needsCleaning: 'À nettoyer',
    attendantCalled: 'Aide demandée',
    /** Who the pending help call reached (the cabin's panel). */
    helpTold: 'Prévenus',
    helpTitle: "Appel à l'aide",
    noHelp: "Aucun appel à l'aide.",
    /** The step of the patient's journey the help call came from. */
    helpStep: 'Étape',
    helpSince: 'Depuis',
    steps: {
      information: 'Informations avant la consultation',
      consent: 'Accord du patient',
      identification: 'Identification',
      appointment: 'Choix du rendez-vous',
      measurements: 'Mesures',
      waitingRoom: "Salle d'attente",
      consultation: 'Consultation vidéo',
      documents: 'Documents',
      payment: 'Paiement',
      goodbye: 'Fin de séance',
    },
    outOfServiceReason: 'Motif de mise hors service',
    /** Why the cabin went out of service, by the cabin's reason code; any other code is shown in `otherReason`. */
    outOfServiceReasons: {
      'selfTest.failed': 'Un appareil ne marchait pas au démarrage de la cabine.',
      'attendant.request': 'Mise hors service par le personnel.',
      'wipe.failed': "Les données de la séance précédente n'ont pas pu être effacées.",
    },
    otherReason: "Autre motif. Donnez ce code au service d'assistance : {code}.",
    /** The message patients read on the welcome screen while the cabin is out of service. */
    outOfServiceMessage: 'Message affiché aux patients',
    unknown: 'Inconnu',
    yes: 'Oui',
    no: 'Non',
    peripheralsTitle: 'Appareils',
    peripherals: {
      cardReader: 'Lecteur de carte Vitale',
      printer: 'Imprimante',
      paymentTerminal: 'Terminal de paiement',
      platform: 'Plateforme de téléconsultation',
      bloodPressure: 'Tensiomètre',
      temperature: 'Thermomètre',
      oxygenSaturation: 'Oxymètre',
      weight: 'Balance',
      otoscope: 'Otoscope',
      dermatoscope: 'Dermatoscope',
      examinationCamera: 'Caméra d’examen',
      stethoscope: 'Stéthoscope',
    },
    states: { ok: 'Fonctionne', absent: 'Absent', faulty: 'En panne' },
    /** A warning shown after a peripheral's state (it still works); `{date}` is the due date. */
    notices: {
      lowPaper: 'Papier bientôt épuisé : rechargez avant la prochaine séance',
      calibrationDueSoon: 'Vérification à faire avant le {date}',
    },
    /** Why a peripheral is out of the journey, by its reason code; any other code is shown in `otherPeripheralReason`. */
    peripheralReasons: {
      'calibration.failed': 'Dernière vérification non conforme : à faire vérifier par le technicien',
      'calibration.overdue': 'Date de vérification dépassée : à faire vérifier par le technicien',
      'device.timeout': "L'appareil ne répond pas",
      'device.error': "L'appareil signale une erreur",
      'device.unplugged': "L'appareil n'est pas branché",
      'device.absent': "L'appareil n'est pas branché",
      'link.portMissing': "L'appareil n'est pas branché",
      'printer.outOfPaper': "Plus de papier dans l'imprimante",
      'printer.jammed': 'Papier coincé',
      'printer.doorOpen': "Une porte de l'imprimante est ouverte",
      'printer.offline': "L'imprimante ne répond pas",
      'printer.notAccepting': "L'imprimante est arrêtée",
      'printer.notConfigured': "Aucune imprimante n'est réglée",
      'reader.absent': "Le lecteur de carte n'est pas branché",
      'pcsc.unavailable': 'Le lecteur de carte ne répond pas',
      'platform.unreachable': 'La plateforme ne répond pas',
      'instrument.missing':
        "L'instrument n'est pas branché ou l'ordinateur ne le voit pas\u00a0: vérifiez le câble USB",
    },
    otherPeripheralReason: 'Code pour le service technique : {code}',
    /** A due date after the state: `{date}` as 12/03/2027. */
    dueAt: 'Prochaine vérification le {date}',
    commandsTitle: 'Commandes',
    commands: {
      'attendant.acknowledgeHelp': "Prendre en charge l'appel à l'aide",
      'attendant.resetSession': 'Réinitialiser la séance',
      'attendant.markCleaned': 'Cabine nettoyée',
      'attendant.setOutOfService': 'Mettre hors service',
      'attendant.returnToService': 'Remettre en service',
      'attendant.settlePayment': 'Décision sur le paiement',
    },
    /** Card payments that wait for the attendant's decision (no patient data: an amount and a time). */
    paymentsTitle: 'Paiements à vérifier',
    noPayments: 'Aucun paiement à vérifier.',
    paymentReasons: {
      unknown: 'Paiement incertain : vérifiez le journal du terminal de paiement',
      counter: "Le patient paie à l'accueil",
    },
    /** One payment waiting: `{amount}` in euros, `{time}` when it started. */
    paymentLine: '{amount}, à {time}',
    paymentPaid: 'Payé',
    paymentNotPaid: 'Pas payé',
    resetConfirmTitle: 'Réinitialiser la séance ?',
    resetConfirmBody:
      'La séance en cours s’arrête tout de suite et les données du patient sont effacées. Le patient devra recommencer.',
    resetConfirm: 'Oui, réinitialiser',
    resetCancel: 'Non, revenir',
    outOfServiceTitle: 'Mettre la cabine hors service',
    messageLabel: 'Message pour les patients (facultatif)',
    messageHint: "Il s'affiche sur l'écran d'accueil. Sans message, la cabine affiche le texte habituel.",
    outOfServiceConfirm: 'Mettre hors service',
    outOfServiceCancel: 'Annuler',
    done: 'Fait : {command}',
    failed:
      "La commande n'a pas abouti. Si cela recommence, donnez ce code au service d'assistance : {code}.",
    close: 'Fermer',
  },
  /** The staff's way in: the login, the first start's PINs, the panel's frame and the patient's banner. */
  staff: {
    /** The invisible corner that opens the staff login when held for 3 seconds. */
    cornerLabel: 'Accès du personnel : maintenez appuyé 3 secondes',
    loginTitle: 'Accès du personnel',
    roleLabel: 'Vous êtes',
    roles: { attendant: 'Accueil', technician: 'Technicien' },
    pinLabel: 'Votre code personnel',
    pinHint: 'De 6 à 12 chiffres.',
    login: 'Entrer',
    cancel: 'Annuler',
    badPin: 'Code incorrect.',
    /** `{tries}` is a whole number, 2 or more. */
    badPinTries: 'Code incorrect. Il vous reste {tries} essais.',
    badPinLastTry: 'Code incorrect. Il vous reste 1 essai.',
    /** `{role}` is Accueil or Technicien, `{time}` a time such as 10 h 35. */
    locked: "Trop de codes incorrects. L'accès {role} est bloqué jusqu'à {time}.",
    lockedNow: "Trop de codes incorrects. L'accès {role} est bloqué pendant 5 minutes.",
    pinsNeeded: "Les codes du personnel n'ont pas encore été choisis.",
    failed:
      "La connexion n'a pas abouti. Si cela recommence, donnez ce code au service d'assistance : {code}.",
    /** The first start on real hardware: both PINs are chosen before any patient comes. */
    setupTitle: 'Première mise en route : choisissez les codes du personnel',
    setupLead:
      "Choisissez un code pour l'accueil et un autre pour le technicien. Tapez chaque code deux fois. Notez-les en lieu sûr : ils ne s'affichent plus jamais.",
    setupFields: {
      attendantPin: "Code de l'accueil",
      attendantPinAgain: "Code de l'accueil, une deuxième fois",
      technicianPin: 'Code du technicien',
      technicianPinAgain: 'Code du technicien, une deuxième fois',
    },
    setupProblems: {
      'pin.format': 'Le code doit avoir de 6 à 12 chiffres, sans lettre.',
      'pin.guessable':
        'Ce code est trop facile à deviner : un seul chiffre répété, ou des chiffres qui se suivent. Choisissez-en un autre.',
      mismatch: 'Les deux codes tapés ne sont pas les mêmes.',
      same: "Le code du technicien doit être différent de celui de l'accueil.",
    },
    setupSave: 'Enregistrer les codes',
    setupFailed:
      "Les codes n'ont pas pu être enregistrés. Si cela recommence, donnez ce code au service d'assistance : {code}.",
    panelTitles: { attendant: "Panneau de l'accueil", technician: 'Panneau du technicien' },
    /** Said at the top of the panel while a patient's session runs: the patient sees the panel too. */
    sessionRunning: 'Une séance est en cours : la personne dans la cabine voit cet écran.',
    /** While a session runs: the language of the patient's screens, which the staff may change. */
    patientLanguage: 'Langue des écrans du patient',
    /** Said on the patient's screen whenever a staff panel is open. */
    onScreenBanner: 'Un membre du personnel a ouvert le panneau de service.',
    tabs: {
      cabin: 'Cabine',
      devices: 'Appareils',
      procedure: 'Vérification',
      register: 'Registre',
      export: 'Export',
    },
    close: 'Fermer',
  },
  /** The technician's part of the staff panel: devices, traffic, procedures, register, export. */
  technician: {
    maintenanceOn: 'La cabine est en maintenance : aucune séance ne peut commencer.',
    maintenanceOff: 'La cabine accueille les patients.',
    enterMaintenance: 'Passer en maintenance',
    leaveMaintenance: 'Quitter la maintenance',
    maintenanceNeeded: 'Passez en maintenance pour lancer une vérification.',
    devicesTitle: 'Appareils de mesure',
    refresh: 'Actualiser',
    noDevice: 'Aucun appareil de ce type n’est branché.',
    model: 'Modèle',
    serial: 'Numéro de série',
    firmware: 'Micrologiciel',
    source: 'Identité lue par',
    sources: { device: "l'appareil", usb: 'la prise USB', simulator: 'le simulateur' },
    port: 'Port',
    state: 'État',
    lastFrames: 'Dernières trames',
    noFrames: 'Aucune trame reçue.',
    lastRecord: 'Dernier contrôle',
    noRecord: 'Aucun contrôle enregistré.',
    /** `{kind}` is a record kind, `{date}` its date, `{verdict}` conforme or non conforme. */
    recordLine: '{kind} du {date} : {verdict}',
    recordLinePlain: '{kind} du {date}',
    nextDue: 'Prochaine vérification le {date}',
    notKnown: 'Non indiqué',
    watchTraffic: 'Voir le trafic',
    verify: 'Vérifier cet appareil',
    noProcedure: "Cet appareil n'a pas de mode de vérification sur place.",
    trafficTitle: 'Trafic de {device}',
    trafficEmpty: 'Rien pour le moment.',
    stopTraffic: 'Arrêter',
    directions: { toDevice: 'envoyé', fromDevice: 'reçu' },
    /** The procedure's form before it starts. */
    procedureTitle: 'Vérification de {device}',
    technicianName: 'Votre nom',
    instrument: 'Instrument de référence',
    certificate: 'Numéro du certificat d’étalonnage',
    modeLabel: 'Que voulez-vous faire ?',
    modes: {
      verify: 'Vérifier seulement',
      adjust: 'Vérifier et ajuster (étalonnage)',
    },
    start: 'Commencer',
    cancelProcedure: 'Annuler la vérification',
    referenceLabel: 'Valeur lue sur la référence ({unit})',
    referenceHint: 'Un nombre, avec une virgule si besoin.',
    badNumber: 'Tapez un nombre, par exemple 120 ou 36,8.',
    send: 'Valider',
    /** `{index}` and `{count}` are whole numbers. */
    pointOf: 'Point {index} sur {count}',
    target: 'Valeur à régler : {target} {unit}',
    prompts: {
      'bloodPressure.connectReference':
        'Mettez le tensiomètre en mode manomètre, branchez le manomètre de référence sur le raccord en Y et fermez la valve.',
      'bloodPressure.point':
        'Amenez la pression près de la valeur indiquée, puis tapez ce que lit le manomètre de référence.',
      'bloodPressure.leakTest':
        "Test d'étanchéité : gonflez, fermez la valve et ne touchez plus à rien pendant la mesure.",
      'temperature.connectReference':
        'Placez la sonde du thermomètre dans le corps noir ou le bain de référence.',
      'temperature.point':
        'Réglez la référence sur la température indiquée, attendez la stabilité, puis tapez ce que lit la référence.',
      'oxygenSaturation.connectSimulator': "Placez la pince de l'oxymètre sur le simulateur.",
      'oxygenSaturation.spo2Point':
        'Réglez la saturation du simulateur sur la valeur indiquée, puis tapez la valeur du simulateur.',
      'oxygenSaturation.pulsePoint':
        'Réglez le pouls du simulateur sur la valeur indiquée, puis tapez la valeur du simulateur.',
      'oxygenSaturation.noFinger':
        "Retirez la pince du simulateur : l'oxymètre doit dire qu'il n'y a pas de doigt.",
      'weight.empty': 'Videz le plateau de la balance, puis continuez.',
      'weight.load': 'Posez les poids étalons au centre du plateau, puis tapez leur masse totale.',
      'weight.eccentricity': 'Posez la charge sur la zone indiquée du plateau, puis tapez sa masse.',
      'weight.repeatability': 'Reposez la même charge au centre, puis tapez sa masse.',
    },
    /** Sentences for the values a prompt comes with, shown under it when it has them. */
    promptParams: {
      seconds: 'Durée : {seconds} secondes.',
      position: 'Zone du plateau : {position}.',
      target: 'Valeur à régler : {target}.',
    },
    pointsTitle: 'Points mesurés',
    columns: {
      step: 'Point',
      reference: 'Référence',
      reading: 'Lecture',
      error: 'Écart',
      limit: 'Limite',
      result: 'Résultat',
    },
    pass: 'Conforme',
    fail: 'Non conforme',
    /** The verdict inside a sentence (a register line). */
    verdictWords: { pass: 'conforme', fail: 'non conforme' },
    verdictTitle: 'Résultat : {verdict}',
    verdictNextDue: 'Prochaine vérification le {date}.',
    verdictNoDue: "L'appareil est retiré des séances jusqu'à une nouvelle vérification conforme.",
    /** The quantities a correction applies to. */
    quantities: {
      systolic: 'Systolique',
      diastolic: 'Diastolique',
      meanArterial: 'Pression moyenne',
      pulse: 'Pouls',
      temperature: 'Température',
      spo2: 'Saturation en oxygène',
      weight: 'Masse',
      pressure: 'Pression',
    },
    corrections: 'Corrections appliquées',
    correctionLine: '{quantity} : gain {gain}, décalage {offset}',
    stopped: 'La vérification s’est arrêtée. {reason}.',
    again: 'Nouvelle vérification',
    back: 'Retour aux appareils',
    registerTitle: 'Registre de maintenance',
    registerEmpty: 'Aucun enregistrement.',
    kinds: {
      verification: 'Vérification',
      calibration: 'Étalonnage',
      repair: 'Réparation',
      outOfService: 'Mise hors service',
      returnToService: 'Remise en service',
    },
    /** One register line's details. */
    recordBy: 'Par {technician}',
    recordReference: 'Référence : {instrument}, certificat {certificate}',
    recordNote: 'Note : {note}',
    interventionTitle: 'Noter une intervention',
    interventionDevice: 'Appareil',
    interventionKind: 'Intervention',
    interventionKinds: {
      repair: 'Réparation',
      outOfService: 'Mise hors service',
      returnToService: 'Remise en service',
    },
    note: 'Note',
    saveIntervention: 'Enregistrer',
    saved: 'Enregistré dans le registre.',
    exportTitle: 'Exporter les journaux, le registre et la liste des appareils',
    exportDirectory: 'Dossier de destination (par exemple une clé USB)',
    exportHint: 'Aucune donnée de patient n’est exportée.',
    exportStart: 'Exporter',
    /** `{records}` and `{logLines}` are whole numbers. */
    exportDone: 'Export terminé dans {directory} : {records} enregistrements, {logLines} lignes de journal.',
    exportFiles: 'Fichiers écrits',
    failures: {
      'technician.unavailable': "Cette fonction n'est pas disponible sur cette cabine.",
      'staff.sessionRunning': 'Une séance est en cours. Réessayez quand elle sera finie.',
      'staff.notNow': 'La cabine ne permet pas cette action maintenant.',
      'help.none': "Aucun appel à l'aide n'attend.",
      'payment.notAwaitingDecision': "Ce paiement n'attend plus de décision.",
      'session.none': "Aucune séance n'est en cours.",
      'technician.notInMaintenance': "Mettez d'abord la cabine en maintenance.",
      'technician.textInvalid': 'Remplissez chaque champ, en 120 caractères au plus.',
      'procedure.running': 'Une vérification est déjà en cours. Terminez-la ou annulez-la.',
      'procedure.none': "Aucune vérification n'est en cours.",
      'procedure.unavailable': 'Cet appareil ne permet pas de vérification depuis la cabine.',
      'device.absent': "L'appareil n'est pas branché.",
      'device.timeout': "L'appareil ne répond plus. Vérifiez son câble.",
      'device.noAnswer': "L'appareil ne répond pas. Vérifiez son câble.",
      'device.unplugged': "L'appareil a été débranché.",
      'export.directoryMissing': "Ce dossier n'existe pas. Vérifiez que la clé USB est branchée.",
      'export.notADirectory': "Ce chemin n'est pas un dossier.",
      'export.notWritable': "Impossible d'écrire dans ce dossier. La clé USB est peut-être protégée.",
      'export.diskFull': "Il n'y a plus de place dans ce dossier.",
      'staff.forbidden': 'Votre rôle ne permet pas cette action.',
    },
    failed: "L'action n'a pas abouti. Code pour le service technique : {code}.",
  },
  /** The on-screen keyboard under the field being typed in (a cabin has no physical keyboard). */
  keyboard: {
    label: 'Clavier',
    erase: 'Effacer',
    space: 'Espace',
    hyphen: "Trait d'union",
    apostrophe: 'Apostrophe',
    comma: 'Virgule',
    period: 'Point',
    slash: 'Barre oblique',
    /** The key showing the accented letters, and the one going back to the plain letters. */
    accents: 'é à ç',
    accentsName: 'Lettres avec accents',
    letters: 'a b c',
    lettersName: 'Lettres sans accents',
    capitals: 'Majuscule',
    lowercase: 'Minuscule',
    /** The two Corsican letters of a social security number (départements 2A and 2B). */
    corsica: 'Corse',
    /** A key pressed on a full field: the value is refused, not cut. */
    tooLong: '{max} caractères au plus.',
    tooManyDigits: '{max} chiffres au plus.',
  },
  /** Live subtitles of the professional's speech: the welcome screen's choice and the call's captions. */
  liveSubtitles: {
    /** The comfort choice on the welcome screen, beside large text and read aloud. */
    choice: "Sous-titres pendant l'appel",
    /** Under the choice: what it does, and that the voice stays in the cabin. */
    choiceHint: "Les paroles du professionnel s'écrivent sous la vidéo. Le son ne quitte pas la cabine.",
    /** The name of the subtitles area, for screen readers. */
    label: 'Sous-titres',
    /** Before the professional has said anything. */
    waiting: "Les sous-titres s'afficheront ici quand le professionnel parlera.",
    /** The engine stopped during the call: the call goes on. */
    fault: "Les sous-titres ne fonctionnent plus. L'appel continue.",
  },
  /** Comfort for patients who see, hear or move with difficulty: contrast, speech controls, time left. */
  accessibility: {
    highContrast: 'Contraste renforcé',
    speechControls: 'Lecture à voix haute',
    pause: 'Pause',
    resume: 'Reprendre la lecture',
    repeat: 'Répéter',
    /** The visible twin of a sound: what the patient would have heard. */
    soundChime: 'Son de test joué',
    soundYourTurn: "C'est à vous\u00a0: le professionnel est prêt.",
    soundBeep: 'Bip',
    /** Shown at least 20 s before a screen closes by itself, with the "more time" button. */
    closingSoon: 'Cet écran va bientôt se fermer. Touchez «\u00a0Plus de temps\u00a0» pour le garder.',
    /** `{seconds}` is a whole number. */
    closingIn: 'Fermeture dans {seconds} secondes.',
    closingInOne: 'Fermeture dans 1 seconde.',
    moreTime: 'Plus de temps',
  },
  genericFailure: "Un problème est survenu. Vous pouvez réessayer ou demander de l'aide.",
  /** The written conversation of the call, and the welcome screen's choice that asks for it. */
  conversation: {
    /** On the welcome screen: the patient wants the written conversation in the call. */
    welcomeOption: 'Je suis sourd ou malentendant',
    welcomeOptionHint: 'Le professionnel vous écrira pendant la consultation.',
    title: 'Conversation écrite',
    open: 'Écrire au professionnel',
    close: 'Fermer la conversation',
    empty: 'Le professionnel peut vous écrire ici. Vous pouvez lui répondre.',
    /** Before each message: who wrote it. */
    fromProfessional: 'Le professionnel\u00a0:',
    fromPatient: 'Vous\u00a0:',
    quickAnswersLabel: 'Réponses rapides',
    /** Ready-made answers, one touch each: short and plain. */
    quickAnswers: {
      yes: 'Oui',
      no: 'Non',
      notUnderstood: "Je n'ai pas compris",
      repeat: 'Pouvez-vous répéter\u00a0?',
      pain: "J'ai mal",
      moment: 'Un instant, s’il vous plaît',
    },
    fieldLabel: 'Votre message',
    send: 'Envoyer',
  },
  instruments: {
    /** Each examination instrument: its name, how to take it, how to hold it (shown and read aloud). */
    otoscope: {
      name: 'Otoscope',
      /** The instrument as the object of a sentence (`{object}` of the call's failure messages). */
      object: 'l’otoscope',
      take: 'Prenez l’otoscope dans son support.',
      hold: 'Posez doucement le bout à l’entrée de votre oreille. Ne l’enfoncez pas. Regardez l’écran pour viser.',
    },
    dermatoscope: {
      name: 'Dermatoscope',
      /** The instrument as the object of a sentence (`{object}` of the call's failure messages). */
      object: 'le dermatoscope',
      take: 'Prenez le dermatoscope dans son support.',
      hold: 'Posez-le à plat sur la peau, à l’endroit que le professionnel veut voir. Puis ne bougez plus.',
    },
    examinationCamera: {
      name: 'Caméra d’examen',
      /** The instrument as the object of a sentence (`{object}` of the call's failure messages). */
      object: 'la caméra d’examen',
      take: 'Prenez la caméra d’examen dans son support.',
      hold: 'Tenez-la à environ 10 centimètres de l’endroit à montrer. Regardez l’écran pour viser.',
    },
    stethoscope: {
      name: 'Stéthoscope',
      /** The instrument as the object of a sentence (`{object}` of the call's failure messages). */
      object: 'le stéthoscope',
      take: 'Prenez le stéthoscope dans son support.',
      hold: 'Posez-le à plat sur la peau, là où le professionnel vous le dit. Ne parlez pas et respirez calmement.',
    },
    /** The instrument in the call: the guide beside the professional's video. */
    call: {
      professionalSees: 'Ce que voit le professionnel',
      professionalHears: 'Ce qu’entend le professionnel',
      stop: 'Arrêter l’examen',
      ok: 'D’accord',
      auscultation:
        'Pendant l’écoute, le son du professionnel est coupé, pour que le stéthoscope n’entende que vous. Ne parlez pas. Il vous reparlera ensuite.',
      absent: 'La cabine ne trouve pas {object}. La consultation continue.',
      unplugged:
        'La cabine ne reçoit plus {object}. Le câble est peut-être débranché. La consultation continue.',
      refused: 'La cabine n’a pas pu ouvrir {object}. La consultation continue.',
    },
    /** The technician's listing of the media inputs, with a live picture or sound level. */
    technician: {
      title: 'Caméras et micros de la cabine',
      labelsHidden: 'Les noms des appareils restent cachés tant que la caméra n’a pas été ouverte une fois.',
      none: 'Aucune caméra ni aucun micro trouvé.',
      noUsbId: 'pas d’identifiant USB',
      tryInput: 'Essayer',
      stopTrying: 'Arrêter',
      failed: 'Cet appareil ne s’ouvre pas.',
      roles: {
        faceCamera: 'Caméra du patient',
        microphone: 'Micro du patient',
        instrument: 'Instrument',
        unused: 'Non utilisé',
      },
      recognisedBy: {
        usbId: 'reconnu par ses identifiants USB',
        configuredLabel: 'reconnu par le nom configuré',
        catalogLabel: 'reconnu par son nom',
      },
    },
  },
};

/** The shape of a string table: every locale must provide exactly these keys. */
export type Strings = typeof fr;

/** A failure code that has its own plain message. */
export type FailureCode = keyof Strings['failures'];
