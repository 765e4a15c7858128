package se.gransnav.statusfile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a problem the canonical rules find in a status-file row lies in the partner's own terms:
 * the CSV column of the canonical field (e.g. {@code /participant/personalIdentityNumber} is
 * {@code Personnummer}).
 */
public final class StatusFileColumns {

    private static final Map<String, String> BY_CANONICAL_PATH = new LinkedHashMap<>();

    static {
        BY_CANONICAL_PATH.put("/messageId", StatusColumn.LOPNUMMER.contractName());
        BY_CANONICAL_PATH.put("/occurredAt", StatusColumn.DATUM.contractName());
        BY_CANONICAL_PATH.put("/participant/personalIdentityNumber", StatusColumn.PERSONNUMMER.contractName());
        BY_CANONICAL_PATH.put("/participant/homeMunicipalityCode", StatusColumn.HEMKOMMUN.contractName());
        BY_CANONICAL_PATH.put("/statusUpdate/status", StatusColumn.HANDELSE.contractName());
        BY_CANONICAL_PATH.put("/statusUpdate/activity/category", StatusColumn.KATEGORI.contractName());
        BY_CANONICAL_PATH.put("/statusUpdate/activity/kind", StatusColumn.INSATS.contractName());
        BY_CANONICAL_PATH.put("/statusUpdate/activity/hours", StatusColumn.TIMMAR.contractName());
        BY_CANONICAL_PATH.put("/statusUpdate/activity/periodStart", StatusColumn.PERIOD_FRAN.contractName());
        BY_CANONICAL_PATH.put("/statusUpdate/activity/periodEnd", StatusColumn.PERIOD_TILL.contractName());
        BY_CANONICAL_PATH.put("/statusUpdate/exit/reason", StatusColumn.AVSLUTSORSAK.contractName());
        BY_CANONICAL_PATH.put("/statusUpdate/exit/detail", StatusColumn.AVSLUTSDETALJ.contractName());
        BY_CANONICAL_PATH.put("/statusUpdate/exit/employment/permanent", StatusColumn.ANSTALLNINGSFORM.contractName());
        BY_CANONICAL_PATH.put("/statusUpdate/exit/employment/fullTime", StatusColumn.OMFATTNING.contractName());
        BY_CANONICAL_PATH.put("/statusUpdate/exit/employment/subsidised", StatusColumn.SUBVENTIONERAD.contractName());
    }

    private StatusFileColumns() {
    }

    /** The column for a canonical JSON Pointer; the pointer itself where no single column fits. */
    public static String of(String canonicalPath) {
        return BY_CANONICAL_PATH.getOrDefault(canonicalPath, canonicalPath);
    }
}
