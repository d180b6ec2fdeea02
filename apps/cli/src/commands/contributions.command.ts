import { Option, type Command } from 'commander';
import type { AttestationKind, AttestationStatus } from '@guildhall/sdk';
import * as arg from '../args.js';
import { examples, pageOptions, signingOptions } from '../command-kit.js';
import type { GlobalOptions } from '../output.js';
import type * as impl from './contributions.js';

export const ATTESTATION_KINDS = [
  'APPLICATION',
  'DATA_CURATION',
  'FINE_TUNING',
  'INFRASTRUCTURE',
  'RED_TEAMING',
  'RESEARCH',
  'SAFETY_EVALUATION',
] as const satisfies readonly AttestationKind[];

const ATTESTATION_STATUSES = [
  'ACCEPTED',
  'DISPUTED',
  'IN_REVIEW',
  'PENDING_COSIGN',
  'REJECTED',
  'SUBMITTED',
  'WITHDRAWN',
] as const satisfies readonly AttestationStatus[];

const daoOption = () => new Option('--dao <slug>', 'the DAO').argParser(arg.slug).makeOptionMandatory();

/** Contributors' `attest` and `profile`, and reviewers' `review` commands. */
export function registerContributions(program: Command, globals: () => GlobalOptions): void {
  const attest = program
    .command('attest')
    .description('Contributors: attest work on a model (fine-tuning, evaluations, red-teaming, …)');

  signingOptions(
    attest
      .command('submit')
      .description('Sign and submit an attestation of work, with its evidence and metrics')
      .addOption(daoOption())
      .addOption(
        new Option('--kind <kind>', `the kind of work: ${ATTESTATION_KINDS.join(', ')}`)
          .argParser(arg.oneOf(ATTESTATION_KINDS))
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--model <name@version>', 'the model the work is on, e.g. guild-7b@1.2')
          .argParser(arg.model)
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--base-model <name@version>', 'the model it was fine-tuned from (FINE_TUNING)').argParser(
          arg.model,
        ),
      )
      .addOption(new Option('--title <text>', 'a one-line title').argParser(arg.text).makeOptionMandatory())
      .option('--summary <text>', 'a longer description')
      .addOption(
        new Option(
          '--evidence <uri#sha256>',
          'evidence already hashed: its URI, "#", its sha256 (repeatable)',
        ).argParser(arg.collect(arg.evidence)),
      )
      .addOption(
        new Option(
          '--evidence-file <path>',
          'a local evidence file to hash (repeatable); pair each with an --evidence-uri, in order',
        ).argParser(arg.collect((value: string) => value)),
      )
      .addOption(
        new Option(
          '--evidence-uri <uri>',
          'where the matching --evidence-file is published (repeatable)',
        ).argParser(arg.collect(arg.uri)),
      )
      .addOption(
        new Option(
          '--metric <name=value>',
          'a numeric result, e.g. refusal_rate=0.97 (repeatable)',
        ).argParser(arg.collect(arg.metric)),
      )
      .addOption(
        new Option(
          '--split <address=bps>',
          'a co-contributor and their share in basis points, yourself included (repeatable; none: you alone)',
        ).argParser(arg.collect(arg.split)),
      )
      .addOption(
        new Option('--reference <text>', 'a related attestation id or URI (repeatable)').argParser(
          arg.collect(arg.text),
        ),
      )
      .addOption(new Option('--round <id>', 'the reward round it enters').argParser(arg.id))
      .addHelpText(
        'after',
        examples([
          '$ export GUILDHALL_PRIVATE_KEY=0x…',
          '$ guildhall attest submit --dao model-works --kind SAFETY_EVALUATION --model guild-7b@1.2 \\',
          '    --title "Refusal eval v2" --metric refusal_rate=0.97 \\',
          '    --evidence-file eval.json --evidence-uri https://example.org/eval.json',
          '$ guildhall attest submit --dao model-works --kind FINE_TUNING --model guild-7b-chat@1.0 \\',
          '    --base-model guild-7b@1.2 --title "Chat tune" --round 12 \\',
          '    --evidence "ipfs://bafy…#9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" --json',
        ]),
      ),
  ).action(async (options: impl.SubmitAttestationOptions) => {
    const { submitAttestation } = await import('./contributions.js');
    process.exitCode = await submitAttestation(globals(), options);
  });

  pageOptions(
    attest
      .command('list')
      .description("List a DAO's attestations, newest first")
      .addOption(daoOption())
      .addOption(
        new Option('--status <status>', ATTESTATION_STATUSES.join(', ')).argParser(
          arg.oneOf(ATTESTATION_STATUSES),
        ),
      )
      .addOption(
        new Option('--kind <kind>', ATTESTATION_KINDS.join(', ')).argParser(arg.oneOf(ATTESTATION_KINDS)),
      )
      .addOption(new Option('--contributor <address>', 'only this contributor').argParser(arg.address))
      .addOption(new Option('--round <id>', 'only this round').argParser(arg.id)),
  )
    .addHelpText(
      'after',
      examples([
        '$ guildhall attest list --dao model-works --status IN_REVIEW',
        '$ guildhall attest list --dao model-works --kind RED_TEAMING --json | jq -r ".nodes[].id"',
      ]),
    )
    .action(async (options: Parameters<typeof impl.listAttestations>[1]) => {
      const { listAttestations } = await import('./contributions.js');
      process.exitCode = await listAttestations(globals(), options);
    });

  attest
    .command('show')
    .description('Show one attestation with its reviews (scores once the review period ends) and disputes')
    .argument('<id>', 'the attestation id', arg.id)
    .addHelpText(
      'after',
      examples(['$ guildhall attest show 42', '$ guildhall attest show 42 --json | jq .status']),
    )
    .action(async (id: string) => {
      const { showAttestation } = await import('./contributions.js');
      process.exitCode = await showAttestation(globals(), id);
    });

  signingOptions(
    attest
      .command('withdraw')
      .description('Withdraw your attestation (before it is accepted or rejected)')
      .argument('<id>', 'the attestation id', arg.id)
      .addOption(daoOption())
      .addHelpText('after', examples(['$ guildhall attest withdraw 42 --dao model-works'])),
  ).action(async (id: string, options: Parameters<typeof impl.withdrawAttestation>[2]) => {
    const { withdrawAttestation } = await import('./contributions.js');
    process.exitCode = await withdrawAttestation(globals(), id, options);
  });

  signingOptions(
    attest
      .command('cosign')
      .description(
        'Co-sign an attestation that credits you in its splits; the last co-signature opens its review',
      )
      .argument('<id>', 'the attestation id', arg.id)
      .addOption(daoOption())
      .addHelpText(
        'after',
        examples([
          '$ guildhall attest cosign 42 --dao model-works',
          '$ guildhall attest cosign 42 --dao model-works --json | jq -r .status',
        ]),
      ),
  ).action(async (id: string, options: Parameters<typeof impl.cosignAttestation>[2]) => {
    const { cosignAttestation } = await import('./contributions.js');
    process.exitCode = await cosignAttestation(globals(), id, options);
  });

  const profile = program
    .command('profile')
    .description('Contributors: your public profile in a DAO (it lets you open disputes)');

  signingOptions(
    profile
      .command('set')
      .description(
        'Sign and set your profile in a DAO; it replaces the whole profile (kinds and links not given are removed)',
      )
      .addOption(daoOption())
      .addOption(
        new Option('--handle <handle>', '3 to 32 letters, digits, _ or -; unique in the DAO')
          .argParser(arg.text)
          .makeOptionMandatory(),
      )
      .addOption(
        new Option(
          '--kind <kind>',
          `a kind of work you do (repeatable): ${ATTESTATION_KINDS.join(', ')}`,
        ).argParser(arg.collect(arg.oneOf(ATTESTATION_KINDS))),
      )
      .addOption(
        new Option('--link <url>', 'a public https link (repeatable, at most 10)').argParser(
          arg.collect(arg.uri),
        ),
      )
      .addHelpText(
        'after',
        examples([
          '$ guildhall profile set --dao model-works --handle red_team_rita --kind RED_TEAMING \\',
          '    --kind SAFETY_EVALUATION --link https://github.com/rita',
        ]),
      ),
  ).action(async (options: Parameters<typeof impl.setProfile>[1]) => {
    const { setProfile } = await import('./contributions.js');
    process.exitCode = await setProfile(globals(), options);
  });

  pageOptions(
    signingOptions(
      profile
        .command('show')
        .description(
          'Show a contributor of a DAO: profile, attestation counts by status, latest attestations',
        )
        .argument('[address]', 'whose (default: the address of the key given)', arg.address)
        .addOption(daoOption()),
    ),
  )
    .addHelpText(
      'after',
      examples([
        '$ guildhall profile show --dao model-works 0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        '$ GUILDHALL_PRIVATE_KEY=0x… guildhall profile show --dao model-works --json | jq .profile',
      ]),
    )
    .action(
      async (
        address: Parameters<typeof impl.showContributor>[1],
        options: Parameters<typeof impl.showContributor>[2],
      ) => {
        const { showContributor } = await import('./contributions.js');
        process.exitCode = await showContributor(globals(), address, options);
      },
    );

  const review = program.command('review').description("Reviewers: score other contributors' attestations");

  signingOptions(
    review
      .command('submit')
      .description(
        'Sign and submit a blind review: a score from 0 to 100, hidden until the review period ends',
      )
      .addOption(daoOption())
      .addOption(new Option('--attestation <id>', 'the attestation').argParser(arg.id).makeOptionMandatory())
      .addOption(
        new Option('--score <0-100>', 'the score').argParser(arg.integer(0, 100)).makeOptionMandatory(),
      )
      .option('--comment <text>', 'why')
      .addHelpText(
        'after',
        examples([
          '$ guildhall review submit --dao model-works --attestation 42 --score 80 --comment "solid eval"',
        ]),
      ),
  ).action(async (options: Parameters<typeof impl.submitReview>[1]) => {
    const { submitReview } = await import('./contributions.js');
    process.exitCode = await submitReview(globals(), options);
  });

  pageOptions(
    review
      .command('list')
      .description("List a DAO's reviews (scores stay hidden until each review period ends)")
      .addOption(daoOption())
      .addOption(new Option('--reviewer <address>', 'only this reviewer').argParser(arg.address))
      .addOption(new Option('--round <id>', 'only this round').argParser(arg.id)),
  )
    .addHelpText(
      'after',
      examples([
        '$ guildhall review list --dao model-works',
        '$ guildhall review list --dao model-works --reviewer 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --json',
      ]),
    )
    .action(async (options: Parameters<typeof impl.listReviews>[1]) => {
      const { listReviews } = await import('./contributions.js');
      process.exitCode = await listReviews(globals(), options);
    });
}
