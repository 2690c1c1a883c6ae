// How the console writes values for a French practitioner: tables of inputs and what is shown.
import { describe, expect, it } from 'vitest';
import type { MeasurementKind, Quantity } from '../../contract/domain';
import {
  ageInYears,
  birthDateWithAge,
  consentLines,
  costLines,
  emptyDocumentText,
  formatBirthDate,
  formatEuros,
  formatNumber,
  dmpOutcomeText,
  measurementValue,
  nirForBilling,
  waitingText,
} from './french-format';

const NBSP = '\u00a0';

describe('French formatting', () => {
  it.each([
    [37.24, 1, '37,2'],
    [37.25, 1, '37,3'],
    [72, 1, '72'],
    [97.6, 0, '98'],
    [-3.5, 1, '−3,5'],
  ])('writes %d with %d decimal(s) as %s', (value, decimals, text) => {
    expect(formatNumber(value, decimals)).toBe(text);
  });

  it('writes birth dates as dd/mm/yyyy, with the age', () => {
    const now = new Date(2025, 4, 20, 12).getTime();
    expect(formatBirthDate('1950-03-02')).toBe('02/03/1950');
    expect(formatBirthDate('hier')).toBe('hier');
    expect(ageInYears('1950-03-02', now)).toBe(75);
    expect(ageInYears('1950-05-21', now)).toBe(74);
    expect(ageInYears('1950-05-20', now)).toBe(75);
    expect(birthDateWithAge('2024-12-01', now)).toBe('01/12/2024 (0 an)');
    expect(birthDateWithAge('1988-11-30', now)).toBe('30/11/1988 (36 ans)');
  });

  it('says what became of a document in Mon espace santé, a deposit waiting for the patient included', () => {
    expect(dmpOutcomeText({ deposited: true })).toBe('Déposé dans Mon espace santé');
    expect(dmpOutcomeText({ deposited: false, reason: 'insNotQualified' })).toBe(
      'Non déposé dans Mon espace santé : l’identité du patient n’est pas qualifiée (INS)',
    );
    expect(dmpOutcomeText({ deposited: false, reason: 'choiceUnknown' })).toBe(
      'Mon espace santé : en attente du choix du patient (à la fin de la consultation)',
    );
  });

  it('writes the NIR in the groups of the Carte Vitale, or says none was given', () => {
    expect(nirForBilling('250034958815709')).toBe('2 50 03 49 588 157 09');
    expect(nirForBilling('185022A00112345')).toBe('1 85 02 2A 001 123 45');
    expect(nirForBilling(null)).toBe('non communiqué');
  });

  it('writes waiting times in whole minutes', () => {
    expect(waitingText(0, 59_000)).toBe('Vient d’arriver');
    expect(waitingText(0, 12 * 60_000 + 59_000)).toBe(`Attend depuis 12${NBSP}min`);
    expect(waitingText(10_000, 0)).toBe('Vient d’arriver');
  });

  const cases: [MeasurementKind, Quantity[], string][] = [
    [
      'bloodPressure',
      [
        { name: 'systolic', value: 128, unit: 'mmHg' },
        { name: 'diastolic', value: 82, unit: 'mmHg' },
        { name: 'meanArterial', value: 97, unit: 'mmHg' },
        { name: 'pulse', value: 72, unit: 'bpm' },
      ],
      `128/82${NBSP}mmHg · pouls 72${NBSP}bpm`,
    ],
    ['temperature', [{ name: 'temperature', value: 38.05, unit: '°C' }], `38,1${NBSP}°C`],
    [
      'oxygenSaturation',
      [
        { name: 'spo2', value: 97, unit: '%' },
        { name: 'pulse', value: 68, unit: 'bpm' },
      ],
      `97${NBSP}% · pouls 68${NBSP}bpm`,
    ],
    ['weight', [{ name: 'weight', value: 72.44, unit: 'kg' }], `72,4${NBSP}kg`],
    ['weight', [], '—'],
  ];
  it.each(cases)('writes a %s measurement', (kind, quantities, text) => {
    expect(measurementValue(kind, quantities)).toBe(text);
  });

  it('describes the consent', () => {
    const at = new Date(2025, 4, 20, 9, 5).getTime();
    expect(consentLines({ presence: 'alone', attendantStays: true, textVersion: '2025-01', at })).toEqual([
      'Le patient est seul dans la cabine',
      'La personne de l’accueil reste dans la cabine',
      'Texte de consentement : version 2025-01',
      'Accord donné le 20/05/2025 à 09:05',
    ]);
  });
});

describe('cover and documents', () => {
  it.each([
    [2500, `25,00${NBSP}€`],
    [750, `7,50${NBSP}€`],
    [5, `0,05${NBSP}€`],
    [0, `0,00${NBSP}€`],
  ])('writes %i cents as %s', (cents, text) => {
    expect(formatEuros(cents)).toBe(text);
  });

  it('writes the cost the patient accepted, reimbursed or not', () => {
    const cover = {
      answers: [],
      feeCents: 2500,
      reimbursedPercent: 100,
      amountDueCents: 0,
      thirdPartyPayment: true,
    };
    expect(costLines(cover)).toEqual([
      `Prix de la consultation : 25,00${NBSP}€`,
      `Remboursée à 100${NBSP}% par l’Assurance Maladie`,
      `Tiers payant : 0,00${NBSP}€ payés dans la cabine`,
    ]);
    expect(
      costLines({ ...cover, reimbursedPercent: 0, amountDueCents: 2500, thirdPartyPayment: false })[1],
    ).toBe('Non remboursée par l’Assurance Maladie (d’après les réponses du patient)');
  });

  it.each([
    [
      'noBytes',
      'Le document est vide : il n’a pas été envoyé. Le fichier ne contient aucune donnée (0 octet).',
    ],
    ['noPage', 'Le document est vide : il n’a pas été envoyé. Le fichier PDF ne contient aucune page.'],
    ['toString', 'Le document est vide : il n’a pas été envoyé.'],
    [undefined, 'Le document est vide : il n’a pas été envoyé.'],
  ])('says why a document of reason %s was empty', (reason, text) => {
    expect(emptyDocumentText(reason)).toBe(text);
  });
});
