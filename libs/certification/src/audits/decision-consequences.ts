import { Injectable } from '@nestjs/common';
import {
  applicationDecider,
  applicationStreamName,
  certificateDecider,
  certificateStreamName,
  dateOf,
  fold,
  type AuditFile,
  type CertificateCommand,
  type CertificateEvent,
  type CertificationDecided,
} from '@app/domain';
import { loadAggregate, type Position, type RecordedEvent } from '@app/event-store';
import { CertificateNumbers } from '../certificates/certificate-numbers';
import { CommandRunner } from '../command-runner';
import type { CommandMetadata } from '../command-metadata';
import type { DecideCertificationInput } from './audit.commands';

type CertificateChange = Pick<CertificateCommand, 'type' | 'data'>;
type Decision = CertificationDecided['data'];

/**
 * What a certification decision does to the certificate: a GRANT issues it (initial) or renews it
 * (recertification); a surveillance decision leaves its B.4 record (R-AUD-9) and, for SUSPEND or REVOKE,
 * suspends the certificate or opens the revocation procedure. REFUSE and CONDITIONAL_GRANT change no certificate.
 */
@Injectable()
export class DecisionConsequences {
  constructor(
    private readonly runner: CommandRunner,
    private readonly numbers: CertificateNumbers,
  ) {}

  /**
   * Before the decision is stored: decides its certificate commands against the certificate as it is now,
   * so a decision whose consequence would be refused (no scope, no scores, a bad suspension deadline…) is
   * refused as a whole, with the certificate rule's id, and nothing is written.
   */
  async check(audit: AuditFile, input: DecideCertificationInput, meta: CommandMetadata): Promise<void> {
    const now = this.runner.clock.now().toISOString();
    const decision: Decision = {
      auditId: audit.auditId,
      auditType: audit.type,
      subject: audit.subject,
      outcome: input.outcome,
      reasons: input.reasons,
      decisionDate: dateOf(now),
      decidedAt: now,
      decisionMaker: meta.actor,
      leadAuditorId: audit.team?.leadAuditor.id ?? '',
      conclusion: audit.report?.conclusion ?? '',
      evaluationResults: audit.results ?? undefined,
      schemeVersion: audit.schemeVersion,
      followsConditionalGrant: false,
      statusBefore: audit.status,
      statusAfter: 'DECIDED',
    };
    const target = await this.target(decision);
    if (!target) return;
    const number =
      target.number ??
      (await this.numbers.next(this.scheme(decision), Number(decision.decisionDate.slice(0, 4))));
    const changes = await this.changes(decision, input, number);
    const { state } = await loadAggregate(
      this.runner.store,
      certificateDecider,
      certificateStreamName(number),
    );
    const context = { actor: meta.actor, now, schemes: this.runner.schemes };
    changes.reduce((current, change) => {
      const events = certificateDecider.decide({ ...change, context } as CertificateCommand, current);
      return fold<CertificateEvent, typeof current>(certificateDecider.evolve, current, events);
    }, state);
  }

  /** After the decision is stored: applies its certificate commands; returns the certificate number. */
  async apply(
    recorded: RecordedEvent,
    input: DecideCertificationInput,
    meta: CommandMetadata,
  ): Promise<{ created: Record<string, string>; position: Position | null } | undefined> {
    const decision = recorded.data as unknown as Decision;
    const target = await this.target(decision);
    if (!target) return undefined;
    const number =
      target.number ??
      (await this.numbers.allocate(
        this.scheme(decision),
        Number(decision.decisionDate.slice(0, 4)),
        recorded,
        meta,
      ));
    const changes = await this.changes(decision, input, number);
    let position: Position | null = null;
    for (const [index, change] of changes.entries()) {
      const result = await this.runner.run(certificateDecider, certificateStreamName(number), change, meta, {
        creates: change.type === 'IssueCertificate',
        step: `${recorded.id}:${index}`,
        causationId: recorded.id,
      });
      position = result.position ?? position;
    }
    return { created: { certificateNumber: number }, position };
  }

  /** Which certificate the decision acts on: an existing number, a new one (`number` undefined), or none. */
  private async target(decision: Decision): Promise<{ number?: string } | null> {
    const { outcome, auditType, subject } = decision;
    if (outcome === 'REFUSE' || outcome === 'CONDITIONAL_GRANT') return null;
    if (subject.kind === 'CERTIFICATE') return { number: subject.certificateNumber };
    if (auditType === 'RECERTIFICATION') {
      const application = await this.application(subject.applicationId);
      return { number: application.certificateNumber ?? undefined };
    }
    return {};
  }

  /**
   * The certificate commands of a decision. Inputs the request left out (scope, scores, suspension notice…)
   * are passed on as missing: the certificate decider refuses them with its own rule id.
   */
  private async changes(
    decision: Decision,
    input: DecideCertificationInput,
    number: string,
  ): Promise<CertificateChange[]> {
    const { auditId, auditType, outcome, decisionDate, decisionMaker, evaluationResults, schemeVersion } =
      decision;
    if (auditType === 'INITIAL' || auditType === 'RECERTIFICATION') {
      const grant = { auditId, auditType, decisionDate, decisionMaker };
      if (auditType === 'RECERTIFICATION') {
        return [
          {
            type: 'RenewCertificate',
            data: { grant: { ...grant, auditType }, evaluationResults: evaluationResults!, schemeVersion },
          },
        ];
      }
      if (decision.subject.kind !== 'APPLICATION') return [];
      const application = await this.application(decision.subject.applicationId);
      const { name, address, uscc } = application.annexA.organisation;
      return [
        {
          type: 'IssueCertificate',
          data: {
            number,
            applicationId: application.applicationId,
            schemeVersion,
            grant,
            holder: { name, address, uscc },
            scope: input.scope ?? '',
            evaluationResults: evaluationResults!,
            effectiveDate: input.effectiveDate,
          },
        },
      ];
    }
    const surveillance: CertificateChange = {
      type: 'RecordSurveillance',
      data: {
        auditId,
        auditType,
        decisionDate,
        outcome: outcome as 'MAINTAIN' | 'SUSPEND' | 'REVOKE',
        conclusion: decision.conclusion,
        leadAuditorId: decision.leadAuditorId,
      },
    };
    if (outcome === 'SUSPEND') {
      return [surveillance, { type: 'SuspendCertificate', data: { ...input.suspension!, auditId } }];
    }
    if (outcome === 'REVOKE') {
      const revocation = input.revocation!;
      return [
        surveillance,
        {
          type: 'OpenRevocation',
          data: { ground: revocation.ground, investigation: { findings: revocation.findings }, auditId },
        },
      ];
    }
    return [surveillance];
  }

  private async application(applicationId: string) {
    const { state } = await this.runner.view(
      applicationDecider,
      applicationStreamName(applicationId),
      applicationId,
    );
    if (state.status === 'NONE') throw new Error(`application ${applicationId} has no history`);
    return state;
  }

  private scheme(decision: Decision) {
    return this.runner.schemes.get(decision.schemeVersion);
  }
}
