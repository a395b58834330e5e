import { Construct } from "constructs";
import { LtmProfileFastl4 } from "../../.gen/providers/bigip/ltm-profile-fastl4";
import { looseFastL4ProfileName } from "../bigip-names";
import { FASTL4_PROFILE, LOOSE_FASTL4_SETTINGS } from "../defaults";

/** Props of the loose fastL4 profile. */
export interface LooseFastL4ProfileProps {
  /** Partition of the profile. */
  readonly partition: string;
  /** First part of the profile name, as for pools and virtual servers. */
  readonly namePrefix: string;
}

/**
 * A fastL4 profile with loose initiation and loose close, for asymmetric paths: the DA server's
 * return traffic to the corporate host may not pass the BIG-IP, so the BIG-IP must accept flows
 * it did not see start and let them end without seeing the close.
 */
export class LooseFastL4Profile extends Construct {
  /**
   * Full path of the profile, `/<partition>/<namePrefix>_fastl4_loose`, as a literal (not a
   * reference): `DaManageOutEntry` takes it as `fastL4Profile`, with `profile` in `dependsOn`.
   */
  public readonly name: string;
  public readonly profile: LtmProfileFastl4;

  constructor(scope: Construct, id: string, props: LooseFastL4ProfileProps) {
    super(scope, id);
    this.name = looseFastL4ProfileName(props);
    this.profile = new LtmProfileFastl4(this, "profile", {
      name: this.name,
      defaultsFrom: FASTL4_PROFILE,
      ...LOOSE_FASTL4_SETTINGS,
    });
  }
}
