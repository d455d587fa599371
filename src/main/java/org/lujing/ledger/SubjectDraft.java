package org.lujing.ledger;

import java.time.LocalDate;

/** A roster row ready to be upserted: identity values already encrypted and indexed, never in clear. */
public record SubjectDraft(
        String idIndex,
        String idCipher,
        String idMasked,
        String name,
        String gender,
        String phoneIndex,
        String phoneCipher,
        String namePhoneIndex,
        String nameBirthIndex,
        String indexKeyId,
        String community,
        String correctionType,
        LocalDate supervisionStart,
        LocalDate supervisionEnd) {}
