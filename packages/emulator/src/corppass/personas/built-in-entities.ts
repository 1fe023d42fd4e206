/**
 * The built-in Corppass entities (docs/emulator.md, Corppass personas). Users are built-in Singpass
 * personas. Fictitious: the UENs have the right shapes, not real registrations. They cover a company with
 * several users and roles, a user acting for two entities (S9812381D), a third-party authorisation, a
 * non-UEN entity, an expired authorisation and open-ended (`9999-12-31`) ones.
 */
import type { CorppassEntityPersona } from './corppass-entity';

const OPEN = '9999-12-31';

export const BUILT_IN_ENTITIES: readonly CorppassEntityPersona[] = [
  {
    id: '201912345K',
    type: 'UEN',
    registrationNumber: '201912345K',
    coi: 'SG',
    name: 'HARBOURFRONT LOGISTICS PTE. LTD.',
    uenStatus: 'R',
    users: [
      {
        nric: 'S9812381D',
        email: 'hh.tan@harbourfront.example',
        emailVerified: true,
        authorisations: [
          {
            eServiceId: 'EMU-ESVC-CUSTOMS',
            role: 'Approver',
            startDate: '2020-01-01',
            endDate: OPEN,
            parameters: [{ name: 'ApprovalLimit', value: '100000' }],
          },
          {
            eServiceId: 'EMU-ESVC-GRANTS',
            role: 'Preparer',
            startDate: '2023-04-01',
            endDate: '2030-12-31',
            parameters: [],
          },
        ],
        thirdParty: [
          {
            clientEntityId: '201812345M',
            clientEntityType: 'UEN',
            eServiceId: 'EMU-ESVC-CUSTOMS',
            role: 'Preparer',
            startDate: '2022-07-01',
            endDate: OPEN,
            parameters: [],
          },
        ],
      },
      {
        nric: 'S8234567A',
        email: 'yx.lim@harbourfront.example',
        emailVerified: false,
        authorisations: [
          {
            eServiceId: 'EMU-ESVC-CUSTOMS',
            role: 'Preparer',
            startDate: '2021-03-15',
            endDate: OPEN,
            parameters: [],
          },
          // Ended: an RP must not grant it (isAuthorisationActive).
          {
            eServiceId: 'EMU-ESVC-GRANTS',
            role: 'Viewer',
            startDate: '2019-01-01',
            endDate: '2022-03-31',
            parameters: [],
          },
        ],
        thirdParty: [],
      },
      {
        nric: 'S7654321F',
        email: 'siti.ahmad@harbourfront.example',
        emailVerified: true,
        authorisations: [
          {
            eServiceId: 'EMU-ESVC-GRANTS',
            role: 'Admin',
            startDate: '2018-06-01',
            endDate: OPEN,
            parameters: [],
          },
        ],
        thirdParty: [],
      },
    ],
  },
  {
    id: '53312345D',
    type: 'UEN',
    registrationNumber: '53312345D',
    coi: 'SG',
    name: 'TAN HENG HUAT CONSULTANCY',
    uenStatus: 'R',
    users: [
      {
        nric: 'S9812381D',
        email: 'tanhenghuat@consultancy.example',
        emailVerified: true,
        authorisations: [
          {
            eServiceId: 'EMU-ESVC-CUSTOMS',
            role: 'Admin',
            startDate: '2016-02-01',
            endDate: OPEN,
            parameters: [],
          },
        ],
        thirdParty: [],
      },
    ],
  },
  {
    // The client entity in Harbourfront's third-party authorisation; it also has its own user.
    id: '201812345M',
    type: 'UEN',
    registrationNumber: '201812345M',
    coi: 'SG',
    name: 'CORAL BAY BAKERY PTE. LTD.',
    uenStatus: 'R',
    users: [
      {
        nric: 'S8812345Z',
        email: 'meiling@coralbay.example',
        emailVerified: true,
        authorisations: [
          {
            eServiceId: 'EMU-ESVC-CUSTOMS',
            role: 'Approver',
            startDate: '2018-05-01',
            endDate: OPEN,
            parameters: [],
          },
        ],
        thirdParty: [],
      },
    ],
  },
  {
    // A non-UEN entity: a foreign company with a Corppass-issued id.
    id: 'CP00000018X',
    type: 'NON-UEN',
    registrationNumber: 'HK-2468013',
    coi: 'HK',
    name: 'PEARL RIVER TRADING LIMITED',
    users: [
      {
        nric: 'G7654321L',
        email: 'kenji.watanabe@pearlriver.example',
        emailVerified: true,
        authorisations: [
          {
            eServiceId: 'EMU-ESVC-CUSTOMS',
            role: 'Viewer',
            startDate: '2024-01-01',
            endDate: '2030-12-31',
            parameters: [],
          },
        ],
        thirdParty: [],
      },
    ],
  },
];
