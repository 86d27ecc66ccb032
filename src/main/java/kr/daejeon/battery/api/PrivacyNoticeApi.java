package kr.daejeon.battery.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.privacy.PrivacyNotice;

/** {@code GET /api/v1/privacy-notice?lang=ko|en}: the notice the widget shows before asking for contact details. Public. */
public final class PrivacyNoticeApi {

    private final PrivacyNotice notice;

    public PrivacyNoticeApi(PrivacyNotice notice) {
        this.notice = notice;
    }

    public void mount(Router router) {
        router.get("/api/v1/privacy-notice").handler(this::get);
    }

    private void get(RoutingContext ctx) {
        String lang = ctx.request().getParam("lang");
        Language language = lang == null ? Language.KO : Language.fromCode(lang);
        if (language == null) {
            throw new ApiError(400, "invalid_locale", "'lang' must be \"ko\" or \"en\".");
        }
        Handlers.json(ctx, 200, notice.in(language));
    }
}
